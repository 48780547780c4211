import Clients
import CurlClient
import Versioning

/// Which upstream serves each version, and in which version it is spoken to: the strangler pattern, where the
/// legacy backend keeps `v1` while `v2` moves to a new one.
///
/// A version with an upstream of its own (``GatewayConfiguration/versionUpstreams``) is forwarded there
/// untranslated, since that backend speaks it natively; every other version goes to the default upstream, translated
/// to the version it speaks. A request never reaches an upstream its version is not mapped to.
struct UpstreamRoutes: Sendable {
    /// Where one version's requests go.
    struct Route: Sendable {
        /// Index into ``upstreams``: each loop keeps one curl client, with its own connection pool, per upstream.
        let upstream: Int
        /// The version the upstream gets the request in.
        let version: VersionName
        /// The walk from the request's version to ``version``; empty for a version with its own upstream.
        let plan: TranslationPlan
    }

    /// The default upstream first, then each other upstream once, however many versions it serves, then the
    /// sandbox. The order depends on the configuration alone, so that it survives a reload of the versions.
    let upstreams: [UpstreamURL]
    /// Where test clients' requests go: every version, translated to the version the default upstream speaks;
    /// nil without a sandbox.
    let sandbox: (upstream: Int, routes: [VersionName: Route])?
    /// How each upstream's `Location` links map onto the gateway, by the index of ``upstreams``.
    let locationMappings: [LocationMapping]
    private let routes: [VersionName: Route]

    init(configuration: GatewayConfiguration, catalog: VersionCatalog, translator: Translator) {
        var upstreams = [configuration.upstream]
        for (_, url) in configuration.versionUpstreams.sorted(by: { $0.key < $1.key }) where !upstreams.contains(url) {
            upstreams.append(url)
        }
        let defaultVersion = configuration.upstreamVersion ?? catalog.defaultVersion
        var routes: [VersionName: Route] = [:]
        for version in catalog.names {
            if let own = configuration.versionUpstreams[version], let index = upstreams.firstIndex(of: own) {
                routes[version] = Route(upstream: index, version: version, plan: .none)
            } else {
                let plan = translator.requestPlan(from: version, to: defaultVersion)
                routes[version] = Route(upstream: 0, version: defaultVersion, plan: plan)
            }
        }
        if let sandbox = configuration.authentication.sandboxUpstream {
            upstreams.append(sandbox)
            let index = upstreams.count - 1
            var sandboxRoutes: [VersionName: Route] = [:]
            for version in catalog.names {
                let plan = translator.requestPlan(from: version, to: defaultVersion)
                sandboxRoutes[version] = Route(upstream: index, version: defaultVersion, plan: plan)
            }
            self.sandbox = (index, sandboxRoutes)
        } else {
            self.sandbox = nil
        }
        self.upstreams = upstreams
        self.locationMappings = upstreams.map(LocationMapping.init(upstream:))
        self.routes = routes
    }

    /// The route of a version of the catalog for a client of `environment` (nil: not a registered client, served
    /// live); nil for a test client on a gateway without a sandbox.
    func route(of version: VersionName, environment: ClientToken.Environment?) -> Route? {
        environment == .test ? self.sandbox?.routes[version] : self.routes[version]
    }

    /// For each upstream, the versions it serves and the versions requests reach it in, oldest first.
    func summary(catalog: VersionCatalog) -> [AdminEndpoints.UpstreamSummary] {
        self.upstreams.indices.map { index in
            let routes = index == self.sandbox?.upstream ? self.sandbox?.routes ?? [:] : self.routes
            let served = catalog.names.filter { routes[$0]?.upstream == index }
            let spoken = served.compactMap { routes[$0]?.version }
            return AdminEndpoints.UpstreamSummary(
                serves: served,
                speaks: catalog.names.filter(spoken.contains)
            )
        }
    }
}
