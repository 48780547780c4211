import Clients
import CurlClient
import Usage
import Versioning

/// Routing: admin endpoints, version resolution from every source the gateway reads, and the lifecycle gate.
extension RequestPipeline {
    /// - Parameters:
    ///   - clients: the registry's clients as the loop last received them, when tokens are checked.
    ///   - upstreamHealth: what the loop's clients last learnt of each upstream (indexed like ``upstreams``), asked
    ///     only when the request is for the health endpoint.
    public func route(
        _ head: RequestHead,
        clients: ClientSnapshot = .empty,
        upstreamHealth: () -> [UpstreamHealth] = { [] }
    ) -> Decision {
        let claims = VersionClaims(
            target: head.target,
            fields: head.headers,
            header: (self.configuration.versionHeaderName, self.versionHeader),
            sources: self.configuration.versionSources,
            isVersionName: { VersionName($0) != nil }
        )
        // The admin prefix is the gateway's under a version prefix too: `/v1/_versiongate/health` is never forwarded.
        let target = claims.strippedTarget ?? head.target
        if self.admin.owns(target) {
            var adminHead = head
            adminHead.target = target
            switch self.admin.respond(to: adminHead, upstreamHealth: upstreamHealth) {
            case .now(let response):
                return .respond(self.stamped(response, version: self.defaultVersion))
            case .later(let work):
                return .respondLater { [self] in self.stamped(await work(), version: self.defaultVersion) }
            }
        }
        let caller: ClientSnapshot.Client?
        switch self.authenticate(head, clients: clients) {
        case .accepted(let client): caller = client
        case .refused(let problem):
            return .refuse(self.problem(problem), requested: .none, served: self.defaultVersion, client: nil)
        }
        var chosen: (version: VersionName, source: VersionClaims.Source)?
        var agree = true
        var refusal: Decision?
        claims.inCheckingOrder { claim in
            guard refusal == nil else { return }
            switch self.resolve(claim, caller: caller) {
            case .refused(let decision):
                refusal = decision
            case .named(let version):
                if let earlier = chosen, earlier.version != version { agree = false }
                chosen = chosen ?? (version, claim.source)
            }
        }
        if let refusal { return refusal }
        guard agree else {
            var named: [GatewayProblem.NamedVersion] = []
            claims.inCheckingOrder { claim in
                if case .named(let version) = self.resolve(claim, caller: caller) {
                    named.append(GatewayProblem.NamedVersion(source: claim.source.description, version: version))
                }
            }
            let problem = self.problem(.ambiguousVersion(named))
            return .refuse(problem, requested: .unrecognized, served: self.defaultVersion, client: caller)
        }
        if let chosen {
            return self.gate(
                head,
                version: chosen.version,
                source: chosen.source.servedFrom,
                claims: claims,
                caller: caller
            )
        }
        if let pin = caller?.pin {
            guard self.resolver.catalog.contains(pin) else {
                let problem = GatewayProblem.pinnedVersionGone(
                    pin,
                    client: caller?.id ?? "",
                    header: self.configuration.versionHeaderName,
                    supported: self.resolver.catalog.names
                )
                return .refuse(self.problem(problem), requested: .none, served: self.defaultVersion, client: caller)
            }
            return self.gate(head, version: pin, source: .pin, claims: claims, caller: caller)
        }
        return self.gate(head, version: self.defaultVersion, source: .default, claims: claims, caller: caller)
    }

    private enum Resolution {
        case named(VersionName)
        case refused(Decision)
    }

    /// The version a claim names, or the problem that answers the request that made it.
    private func resolve(_ claim: VersionClaims.Claim, caller: ClientSnapshot.Client?) -> Resolution {
        let source = claim.source
        switch self.resolver.resolve(header: String(claim.value)) {
        case .success(let version):
            return .named(version)
        case .failure(.malformed(let value)):
            let problem = GatewayProblem.malformedVersion(
                source: source.description,
                value: value,
                supported: self.resolver.catalog.names
            )
            return .refused(
                .refuse(self.problem(problem), requested: .unrecognized, served: self.defaultVersion, client: caller)
            )
        case .failure(.unknown(let version)):
            let problem = GatewayProblem.unknownVersion(
                source: source.description,
                version: version,
                supported: self.resolver.catalog.names
            )
            return .refused(
                .refuse(self.problem(problem), requested: .unrecognized, served: self.defaultVersion, client: caller)
            )
        }
    }

    /// The lifecycle gate: retired versions and brownouts answer 410, drafts only serve their preview clients,
    /// deprecated versions are served with their deprecation fields.
    private func gate(
        _ head: RequestHead,
        version: VersionName,
        source: Exchange.VersionSource,
        claims: VersionClaims,
        caller: ClientSnapshot.Client?
    ) -> Decision {
        guard let manifest = self.resolver.catalog[version], let stamps = self.stamps[version],
            let route = self.routes.route(of: version, environment: caller?.environment)
        else {
            if caller?.environment == .test, self.routes.sandbox == nil {
                let problem = self.problem(.sandboxUnavailable, version: version)
                return .refuse(
                    problem,
                    requested: RequestedVersion(source.requested(version)),
                    served: version,
                    client: caller
                )
            }
            let problem = GatewayProblem.unknownVersion(
                source: VersionClaims.Source.header(self.configuration.versionHeaderName).description,
                version: version,
                supported: self.resolver.catalog.names
            )
            return .refuse(self.problem(problem), requested: .unrecognized, served: self.defaultVersion, client: caller)
        }
        let requested = source.requested(version)
        let asked = RequestedVersion(requested)
        var stamp: [HTTPField]
        switch VersionLifecycle.phase(of: manifest, at: self.configuration.clock()) {
        case .retired(let since):
            let problem = GatewayProblem.versionRetired(
                version,
                since: since,
                successor: manifest.successor,
                guide: stamps.guide
            )
            return .refuse(
                self.problem(problem, stamp: stamps.deprecated),
                requested: asked,
                served: version,
                client: caller
            )
        case .brownout(let until):
            let problem = GatewayProblem.versionBrownout(
                version,
                until: until,
                successor: manifest.successor,
                guide: stamps.guide
            )
            return .refuse(
                self.problem(problem, stamp: stamps.deprecated),
                requested: asked,
                served: version,
                client: caller
            )
        case .draft(let access):
            let clientID = self.previewIdentity(of: head, caller: caller)
            guard access.allows(clientID) || access.allows(caller?.name) else {
                let problem = GatewayProblem.previewOnly(
                    version,
                    clientHeader: self.configuration.authentication.mode == .off
                        ? self.configuration.clientIDHeaderName : nil,
                    clientID: clientID,
                    fallback: self.defaultVersion
                )
                return .refuse(
                    self.problem(problem, stamp: stamps.draft),
                    requested: asked,
                    served: version,
                    client: caller
                )
            }
            stamp = stamps.draft
        case .deprecated:
            if claims.linkScheme != .header,
                let resource = self.successorResource(of: head, claims: claims, from: manifest)
            {
                stamp = stamps.deprecated(successorVersionAt: resource)
            } else {
                stamp = stamps.deprecated
            }
        case .active:
            stamp = stamps.plain
        }
        if let expectation = head.headers.first("expect"), expectation.lowercased() != "100-continue" {
            let problem = self.problem(.expectationFailed(expectation), stamp: stamp)
            return .refuse(problem, requested: asked, served: version, client: caller)
        }
        let (sourceName, sourceCanonicalName) = self.versionSourceHeaderName
        stamp.append(HTTPField(name: sourceName, canonicalName: sourceCanonicalName, value: source.rawValue))
        var exchange = Exchange(
            version: version,
            requested: requested,
            isHead: head.method == "HEAD",
            stamp: stamp,
            plan: route.plan,
            upstream: route.upstream,
            upstreamVersion: route.version,
            target: claims.strippedTarget,
            linkScheme: claims.linkScheme
        )
        exchange.client = caller
        exchange.versionSource = source
        if let preview = head.headers.first(self.previewHeader) {
            self.attachPreview(preview, to: &exchange, clientID: self.previewIdentity(of: head, caller: caller))
        }
        return .forward(exchange)
    }

    /// For a client that names versions in the path or the query, the request's resource in `manifest`'s
    /// successor, named the same way (`/v2/suppliers/sup_1` for `/v1/vendors/sup_1`, `/suppliers/sup_1?api-version=v2`
    /// for `/vendors/sup_1?api-version=v1`): where its `successor-version` link points.
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
        return claims.linkScheme.link(translated.target, in: successor)
    }
}
