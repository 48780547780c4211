import Clients
import CurlClient
import Usage
import Versioning

/// The stages a request passes between the client's connection and curl, as pure functions of values:
/// route (admin, version resolution, lifecycle gate) → upstream request (hygiene) → client response (hygiene,
/// stamping).
///
/// Immutable and `Sendable`: one instance is shared by every loop, and replaced whole when the versions reload. A
/// class, so that handing it to a loop or a connection costs one reference count, not a copy of every field.
public final class RequestPipeline: Sendable {
    public let configuration: GatewayConfiguration
    public let resolver: VersionResolver
    /// The version the default upstream speaks.
    public let upstreamVersion: VersionName
    let admin: AdminEndpoints
    /// The version header's name in lowercase, for matching fields.
    let versionHeader: String
    let clientIDHeader: String
    /// The shadow preview header's name in lowercase.
    let previewHeader: String
    /// The fields that name a client, as ``identify(_:in:)`` compares them: the one the upstream gets, and the one
    /// clients send when tokens are not checked.
    let identityFields: (upstream: String, client: String)
    /// The response field that says where the served version came from: the version header's name and `-Source`,
    /// as sent and in lowercase (prepared once: lowering it per request allocated).
    let versionSourceHeaderName: (name: String, canonicalName: String)
    /// The fields that stamp each version's responses in each phase, prepared once.
    let stamps: [VersionName: LifecycleStamps]
    let translator: Translator
    /// Each version's upstream and walk to that upstream's version, prepared once.
    let routes: UpstreamRoutes
    /// The `Via` value for requests that arrived over HTTP/1.0 and HTTP/1.1, prepared once; nil to send none.
    let via: (http10: String, http11: String)?
    /// Each version's walk to its successor, for successor links in the path scheme.
    let successorPlans: [VersionName: TranslationPlan]
    /// The manifests' endpoint templates, which name request paths in the usage ledger.
    let routeTemplates: RouteTemplates

    /// One request's facts that its response needs.
    public struct Exchange: Sendable, Equatable {
        /// The version that serves the request and is stamped on its response.
        public var version: VersionName
        /// The version the request named; nil when it named none and got the default.
        public var requested: VersionName?
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
        /// How links back to the client name their version (`Location`, `successor-version`).
        public var linkScheme: VersionLinkScheme
        /// The declared changes that altered the request on its way up (its response adds its own).
        public var firedChanges = FiredChanges()
        /// The newer version the client asked to preview, if it may.
        public var preview: ShadowPreview?
        /// The registered client whose token the request presented; nil when tokens are not checked or it
        /// presented none.
        public var client: ClientSnapshot.Client?
        /// Where ``version`` came from.
        public var versionSource = VersionSource.header
        /// Whether the client's `Accept-Encoding` takes gzip; only asked of requests the gateway may translate,
        /// whose bodies the gateway decodes (see ``ClientCoding``).
        public var acceptsGzip = false

        /// Where the served version came from, as the `API-Version-Source` response field says.
        public enum VersionSource: String, Sendable, Equatable {
            /// The version header.
            case header
            /// The path's first segment.
            case path
            /// The version query parameter.
            case query
            /// The registered client's pin.
            case pin
            /// The gateway's default: the request named none and its client has no pin.
            case `default`

            /// The version the request itself named: `version`, unless it came from a pin or the default.
            func requested(_ version: VersionName) -> VersionName? {
                switch self {
                case .header, .path, .query: version
                case .pin, .default: nil
                }
            }
        }

        public init(
            version: VersionName,
            requested: VersionName? = nil,
            isHead: Bool,
            stamp: [HTTPField],
            plan: TranslationPlan = .none,
            upstream: Int = 0,
            upstreamVersion: VersionName? = nil,
            target: String? = nil,
            linkScheme: VersionLinkScheme = .header
        ) {
            self.version = version
            self.requested = requested
            self.isHead = isHead
            self.stamp = stamp
            self.plan = plan
            self.upstream = upstream
            self.upstreamVersion = upstreamVersion ?? version
            self.target = target
            self.linkScheme = linkScheme
        }
    }

    /// What to do with a request whose body has arrived.
    public enum UpstreamPreparation: Sendable {
        /// Send it; translate the response back along the plan, if any. The exchange is the one given, with the
        /// changes that altered the request (``Exchange/firedChanges``) and its preview's walk so far.
        case send(UpstreamRequest, ResponsePlan?, Exchange)
        /// Answer at once (the body could not be translated).
        case respond(GatewayResponse)
    }

    public enum Decision: Sendable {
        /// Answer with one of the gateway's own endpoints (health, guides); not a request to the API.
        case respond(GatewayResponse)
        /// Answer with one of the gateway's own endpoints once `work` has run off the event loop (the report
        /// reads the usage store).
        case respondLater(_ work: @Sendable () async -> GatewayResponse)
        /// Answer a request to the API with a problem, without the upstream: credentials refused, a version that
        /// is unknown, retired, in a brownout or a preview the client is not in.
        /// - Parameters:
        ///   - requested: the version the request named, as the ledger records it.
        ///   - served: the version stamped on the response.
        ///   - client: the registered client that sent it, when its token was accepted.
        case refuse(GatewayResponse, requested: RequestedVersion, served: VersionName, client: ClientSnapshot.Client?)
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
        self.via = configuration.viaPseudonym.map { ("1.0 " + $0, "1.1 " + $0) }
        self.clientIDHeader = configuration.clientIDHeaderName.lowercased()
        self.previewHeader = configuration.previewHeaderName.lowercased()
        let versionSourceHeaderName = configuration.versionHeaderName + "-Source"
        self.versionSourceHeaderName = (versionSourceHeaderName, HTTPSyntax.asciiLowercased(versionSourceHeaderName))
        self.identityFields = (
            Self.cgiCanonical(configuration.authentication.upstreamClientIDFieldName),
            Self.cgiCanonical(configuration.clientIDHeaderName)
        )
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
        // Eight times the body limit: records take about their size (twice while the stores grow), and the rest
        // is a body built to take memory (nested arrays take five to eleven times theirs).
        let (documentBytes, overflow) = configuration.limits.maxBodyBytes.multipliedReportingOverflow(by: 8)
        let translator = Translator(catalog: catalog, maximumDocumentBytes: overflow ? .max : documentBytes)
        self.translator = translator
        let routes = UpstreamRoutes(configuration: configuration, catalog: catalog, translator: translator)
        self.successorPlans = Dictionary(
            uniqueKeysWithValues: catalog.manifests.compactMap { manifest in
                manifest.successor.map { (manifest.name, translator.requestPlan(from: manifest.name, to: $0)) }
            }
        )
        self.routes = routes
        self.routeTemplates = RouteTemplates(catalog: catalog)
        self.admin = AdminEndpoints(
            prefix: configuration.adminPathPrefix,
            catalog: catalog,
            guides: guides,
            upstreams: routes.summary(catalog: catalog),
            access: configuration.adminAccess
        )
    }

    /// How the usage ledger names `target`'s path: its endpoint template or first segment, after the version's path
    /// prefix when requests name their version there (`/v1/vendors/ven_1` → `/vendors/…`).
    func ledgerRoute(of target: String) -> String {
        var path = target[...]
        if self.configuration.versionSources.pathPrefix, path.hasPrefix("/") {
            let first = path.dropFirst().prefix { $0 != "/" && $0 != "?" }
            if VersionName(String(first)) != nil { path = path[first.endIndex...] }
        }
        return self.routeTemplates.route(of: path.isEmpty ? "/" : path)
    }

    /// Every upstream, the default first: each loop keeps one curl client per entry.
    public var upstreams: [UpstreamURL] { self.routes.upstreams }

    /// The version stamped on responses to requests that did not resolve one.
    public var defaultVersion: VersionName { self.resolver.catalog.defaultVersion }

    /// A problem response stamped for `version` (the default when the request resolved none).
    public func problem(_ problem: GatewayProblem, version: VersionName? = nil) -> GatewayResponse {
        self.stamped(problem.details.response, version: version ?? self.defaultVersion)
    }

    func problem(_ problem: GatewayProblem, stamp: [HTTPField]) -> GatewayResponse {
        var response = problem.details.response
        response.headers += stamp
        return response
    }

    func stamped(_ response: GatewayResponse, version: VersionName) -> GatewayResponse {
        var response = response
        response.headers +=
            self.stamps[version]?.plain
            ?? LifecycleStamps.plainFields(version: version, headerName: self.configuration.versionHeaderName)
        return response
    }
}
