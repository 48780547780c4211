import CurlClient
import Versioning

/// The stages a request passes between the client's connection and curl, as pure functions of values:
/// route (admin, version resolution, lifecycle gate) → upstream request (hygiene) → client response (hygiene,
/// stamping).
///
/// Immutable and `Sendable`: one instance is shared by every loop, and replaced whole when the versions reload.
public struct RequestPipeline: Sendable {
    public let configuration: GatewayConfiguration
    public let resolver: VersionResolver
    /// The version the default upstream speaks.
    public let upstreamVersion: VersionName
    private let admin: AdminEndpoints
    /// The version header's name in lowercase, for matching fields.
    private let versionHeader: String
    private let clientIDHeader: String
    /// The fields that stamp each version's responses in each phase, prepared once.
    private let stamps: [VersionName: LifecycleStamps]
    private let translator: Translator
    /// Each version's upstream and walk to that upstream's version, prepared once.
    private let routes: UpstreamRoutes
    /// Each version's walk to its successor, for successor links in the path scheme.
    private let successorPlans: [VersionName: TranslationPlan]

    /// One request's facts that its response needs.
    public struct Exchange: Sendable, Equatable {
        /// The version that serves the request and is stamped on its response.
        public var version: VersionName
        public var isHead: Bool
        /// The version fields for this response: plain, draft or deprecated.
        public var stamp: [HTTPField]
        /// The walk from the request's version to the upstream's; empty when they are the same.
        public var plan: TranslationPlan
        /// Which of ``RequestPipeline/upstreams`` serves the request.
        public var upstream: Int
        /// The version that upstream gets the request in.
        public var upstreamVersion: VersionName
        /// The request target without the version's path prefix or query parameter; nil when the request named
        /// its version only in the header (or not at all).
        public var target: String?
        /// Whether the version came as a path prefix, so that links back to the client carry one too.
        public var usedPathPrefix: Bool

        public init(
            version: VersionName,
            isHead: Bool,
            stamp: [HTTPField],
            plan: TranslationPlan = .none,
            upstream: Int = 0,
            upstreamVersion: VersionName? = nil,
            target: String? = nil,
            usedPathPrefix: Bool = false
        ) {
            self.version = version
            self.isHead = isHead
            self.stamp = stamp
            self.plan = plan
            self.upstream = upstream
            self.upstreamVersion = upstreamVersion ?? version
            self.target = target
            self.usedPathPrefix = usedPathPrefix
        }
    }

    /// What to do with a request whose body has arrived.
    public enum UpstreamPreparation: Sendable {
        /// Send it; translate the response back along the plan, if any.
        case send(UpstreamRequest, ResponsePlan?)
        /// Answer at once (the body could not be translated).
        case respond(GatewayResponse)
    }

    public enum Decision: Sendable, Equatable {
        /// Answer without the upstream (admin endpoint or problem).
        case respond(GatewayResponse)
        /// Read the body and send the request upstream.
        case forward(Exchange)
    }

    /// - Parameters:
    ///   - guides: migration guides by file name (`v1-to-v2.md`), served when no documentation site is configured.
    public init(configuration: GatewayConfiguration, catalog: VersionCatalog, guides: [String: String] = [:]) {
        self.configuration = configuration
        self.resolver = VersionResolver(catalog: catalog)
        self.upstreamVersion = configuration.upstreamVersion ?? catalog.defaultVersion
        self.versionHeader = configuration.versionHeaderName.lowercased()
        self.clientIDHeader = configuration.clientIDHeaderName.lowercased()
        self.stamps = Dictionary(
            uniqueKeysWithValues: catalog.manifests.map { manifest in
                (
                    manifest.name,
                    LifecycleStamps(
                        manifest: manifest,
                        headerName: configuration.versionHeaderName,
                        guides: configuration.guideLinks
                    )
                )
            }
        )
        let translator = Translator(catalog: catalog)
        self.translator = translator
        let routes = UpstreamRoutes(configuration: configuration, catalog: catalog, translator: translator)
        self.successorPlans = Dictionary(
            uniqueKeysWithValues: catalog.manifests.compactMap { manifest in
                manifest.successor.map { (manifest.name, translator.requestPlan(from: manifest.name, to: $0)) }
            }
        )
        self.routes = routes
        self.admin = AdminEndpoints(
            prefix: configuration.adminPathPrefix,
            catalog: catalog,
            guides: guides,
            upstreams: routes.summary(catalog: catalog)
        )
    }

    /// Every upstream, the default first: each loop keeps one curl client per entry.
    public var upstreams: [UpstreamURL] { self.routes.upstreams }

    /// The version stamped on responses to requests that did not resolve one.
    public var defaultVersion: VersionName { self.resolver.catalog.defaultVersion }

    /// - Parameter upstreamHealth: what the loop's clients last learnt of each upstream (indexed like
    ///   ``upstreams``), asked only when the request is for the health endpoint.
    public func route(_ head: RequestHead, upstreamHealth: () -> [UpstreamHealth] = { [] }) -> Decision {
        if self.admin.owns(head.target) {
            let response = self.admin.respond(to: head, upstreamHealth: upstreamHealth)
            return .respond(self.stamped(response, version: self.defaultVersion))
        }
        let claims = VersionClaims(
            target: head.target,
            header: (self.configuration.versionHeaderName, head.headers.first(self.versionHeader)),
            sources: self.configuration.versionSources,
            isVersionName: { VersionName($0) != nil }
        )
        var named: [GatewayProblem.NamedVersion] = []
        for claim in claims.claims {
            switch self.resolver.resolve(header: String(claim.value)) {
            case .failure(.malformed(let value)):
                let problem = GatewayProblem.malformedVersion(
                    source: claim.source.description,
                    value: value,
                    supported: self.resolver.catalog.names
                )
                return .respond(self.problem(problem))
            case .failure(.unknown(let version)):
                let problem = GatewayProblem.unknownVersion(
                    source: claim.source.description,
                    version: version,
                    supported: self.resolver.catalog.names
                )
                return .respond(self.problem(problem))
            case .success(let version):
                named.append(.init(source: claim.source.description, version: version))
            }
        }
        guard let version = named.first?.version else {
            return self.gate(head, version: self.defaultVersion, claims: claims)
        }
        guard named.allSatisfy({ $0.version == version }) else {
            return .respond(self.problem(.ambiguousVersion(named)))
        }
        return self.gate(head, version: version, claims: claims)
    }

    /// The lifecycle gate: retired versions and brownouts answer 410, drafts only serve their preview clients,
    /// deprecated versions are served with their deprecation fields.
    private func gate(_ head: RequestHead, version: VersionName, claims: VersionClaims) -> Decision {
        guard let manifest = self.resolver.catalog[version], let stamps = self.stamps[version],
            let route = self.routes[version]
        else {
            return .respond(
                self.problem(
                    .unknownVersion(
                        source: VersionClaims.Source.header(self.configuration.versionHeaderName).description,
                        version: version,
                        supported: self.resolver.catalog.names
                    )
                )
            )
        }
        let stamp: [HTTPField]
        switch VersionLifecycle.phase(of: manifest, at: self.configuration.clock()) {
        case .retired(let since):
            let problem = GatewayProblem.versionRetired(
                version,
                since: since,
                successor: manifest.successor,
                guide: stamps.guide
            )
            return .respond(self.problem(problem, stamp: stamps.deprecated))
        case .brownout(let until):
            let problem = GatewayProblem.versionBrownout(
                version,
                until: until,
                successor: manifest.successor,
                guide: stamps.guide
            )
            return .respond(self.problem(problem, stamp: stamps.deprecated))
        case .draft(let access):
            let clientID = head.headers.first(self.clientIDHeader)
            guard access.allows(clientID) else {
                let problem = GatewayProblem.previewOnly(
                    version,
                    clientHeader: self.configuration.clientIDHeaderName,
                    clientID: clientID,
                    fallback: self.defaultVersion
                )
                return .respond(self.problem(problem, stamp: stamps.draft))
            }
            stamp = stamps.draft
        case .deprecated:
            if claims.usedPathPrefix, let resource = self.successorResource(of: head, claims: claims, from: manifest) {
                stamp = stamps.deprecated(successorVersionAt: resource)
            } else {
                stamp = stamps.deprecated
            }
        case .active:
            stamp = stamps.plain
        }
        if let expectation = head.headers.first("expect"), expectation.lowercased() != "100-continue" {
            return .respond(self.problem(.expectationFailed(expectation), stamp: stamp))
        }
        return .forward(
            Exchange(
                version: version,
                isHead: head.method == "HEAD",
                stamp: stamp,
                plan: route.plan,
                upstream: route.upstream,
                upstreamVersion: route.version,
                target: claims.strippedTarget,
                usedPathPrefix: claims.usedPathPrefix
            )
        )
    }

    /// For a client that names versions in the path, the request's resource in `manifest`'s successor
    /// (`/v2/suppliers/sup_1` for `/v1/vendors/sup_1`): where its `successor-version` link points.
    private func successorResource(
        of head: RequestHead,
        claims: VersionClaims,
        from manifest: VersionManifest
    )
        -> String?
    {
        guard let successor = manifest.successor, let plan = self.successorPlans[manifest.name],
            let target = claims.strippedTarget
        else { return nil }
        let path = String(target.prefix { $0 != "?" })
        guard
            let translated = try? self.translator.translateRequest(
                method: head.method,
                target: path,
                body: nil,
                plan: plan
            )
        else { return nil }
        return "/\(successor)" + (translated.target == "/" ? "" : translated.target)
    }

    /// The request as the upstream gets it: hygiene applied, and translated to the upstream's version.
    public func upstreamRequest(
        for head: RequestHead,
        body: [UInt8],
        framing: BodyFraming,
        exchange: Exchange,
        client: inout ClientAddress
    ) -> UpstreamPreparation {
        let headers = ProxyHygiene.upstreamHeaders(
            for: head,
            client: &client,
            versionHeader: self.configuration.versionHeaderName,
            canonicalVersionHeader: self.versionHeader,
            upstreamVersion: exchange.upstreamVersion.description
        )
        let sendsBody = framing != .none || ["POST", "PUT", "PATCH"].contains(head.method)
        let target = exchange.target ?? head.target
        var request = UpstreamRequest(
            method: head.method,
            target: self.upstreamTarget(target, exchange: exchange),
            headers: headers,
            body: sendsBody ? body : nil
        )
        guard !exchange.plan.isEmpty else { return .send(request, nil) }
        do {
            let translation = try self.translator.translateRequest(
                method: head.method,
                target: target,
                body: request.body,
                plan: exchange.plan
            )
            request.target = self.upstreamTarget(translation.target, exchange: exchange)
            request.body = translation.body
            if !translation.headerRenames.isEmpty {
                request.headers = request.headers.map { field in
                    (translation.headerRenames.apply(to: field.name), field.value)
                }
            }
            return .send(request, translation.responsePlan)
        } catch {
            let problem = GatewayProblem.untranslatableRequestBody(version: exchange.version, reason: error.description)
            return .respond(self.problem(problem, stamp: exchange.stamp))
        }
    }

    /// `target` as the upstream gets it: with the upstream's version as its prefix when the client named its
    /// version in the path and the prefix is kept.
    private func upstreamTarget(_ target: String, exchange: Exchange) -> String {
        guard exchange.usedPathPrefix, self.configuration.versionSources.keepsPathPrefix else { return target }
        return "/\(exchange.upstreamVersion)" + (target == "/" ? "" : target)
    }

    /// An upstream path as the client links to it: in the client's version, and under the client's version
    /// prefix when it named its version in the path.
    private func clientPath(_ path: String, exchange: Exchange, plan: ResponsePlan?) -> String {
        guard exchange.usedPathPrefix else {
            return plan.map { self.translator.translatePath(path, method: "GET", plan: $0) } ?? path
        }
        var path = path
        let upstreamPrefix = "/\(exchange.upstreamVersion)"
        if self.configuration.versionSources.keepsPathPrefix, path.hasPrefix(upstreamPrefix),
            path.dropFirst(upstreamPrefix.count).first.map({ $0 == "/" }) ?? true
        {
            path = String(path.dropFirst(upstreamPrefix.count))
            if path.isEmpty { path = "/" }
        }
        let translated = plan.map { self.translator.translatePath(path, method: "GET", plan: $0) } ?? path
        return "/\(exchange.version)" + (translated == "/" ? "" : translated)
    }

    /// The response as the client gets it: hygiene applied, stamped, and a successful body translated back to the
    /// client's version along `plan` (error bodies pass untouched).
    public func response(
        for result: Result<UpstreamResponse, CurlClientError>,
        exchange: Exchange,
        plan: ResponsePlan? = nil
    ) -> GatewayResponse {
        switch result {
        case .success(var upstream):
            if let plan, !exchange.isHead, (200..<300).contains(upstream.status) {
                do {
                    if let translated = try self.translator.translateResponse(body: upstream.body, plan: plan) {
                        upstream.body = translated
                    }
                } catch {
                    return self.problem(.untranslatableResponseBody(reason: error.description), stamp: exchange.stamp)
                }
            }
            var headerBlock = ProxyHygiene.clientHeaderBlock(
                from: upstream.headerBlock,
                keepContentLength: exchange.isHead,
                canonicalVersionHeader: self.versionHeader
            )
            if let plan { headerBlock = HeaderRenamer.rename(headerBlock, plan.headerRenames) }
            headerBlock = LocationRewriter.rewrite(headerBlock) { location in
                self.routes.locationMappings[exchange.upstream].clientLocation(location) {
                    self.clientPath($0, exchange: exchange, plan: plan)
                }
            }
            return GatewayResponse(
                status: upstream.status,
                reason: upstream.reason,
                headers: exchange.stamp,
                headerBlock: headerBlock,
                body: upstream.body
            )
        case .failure(let error):
            let problem = GatewayProblem(error, timeoutSeconds: self.configuration.upstreamTimeoutSeconds)
            return self.problem(problem, stamp: exchange.stamp)
        }
    }

    /// A problem response stamped for `version` (the default when the request resolved none).
    public func problem(_ problem: GatewayProblem, version: VersionName? = nil) -> GatewayResponse {
        self.stamped(problem.details.response, version: version ?? self.defaultVersion)
    }

    private func problem(_ problem: GatewayProblem, stamp: [HTTPField]) -> GatewayResponse {
        var response = problem.details.response
        response.headers += stamp
        return response
    }

    private func stamped(_ response: GatewayResponse, version: VersionName) -> GatewayResponse {
        var response = response
        response.headers +=
            self.stamps[version]?.plain
            ?? LifecycleStamps.plainFields(version: version, headerName: self.configuration.versionHeaderName)
        return response
    }
}
