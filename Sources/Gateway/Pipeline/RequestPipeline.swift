import CurlClient
import Versioning

/// The stages a request passes between the client's connection and curl, as pure functions of values:
/// route (admin or version resolution) → upstream request (hygiene) → client response (hygiene, stamping).
///
/// Immutable and `Sendable`: one instance is shared by every loop.
public struct RequestPipeline: Sendable {
    public let configuration: GatewayConfiguration
    public let resolver: VersionResolver
    /// The version the upstream speaks.
    public let upstreamVersion: VersionName
    private let admin: AdminEndpoints
    /// The version header's name in lowercase, for matching fields.
    private let versionHeader: String
    /// The fields that stamp a response of each version, prepared once.
    private let stamps: [VersionName: [HTTPField]]

    /// One request's facts that its response needs.
    public struct Exchange: Sendable, Equatable {
        /// The version that serves the request and is stamped on its response.
        public var version: VersionName
        public var isHead: Bool

        public init(version: VersionName, isHead: Bool) {
            self.version = version
            self.isHead = isHead
        }
    }

    public enum Decision: Sendable, Equatable {
        /// Answer without the upstream (admin endpoint or problem).
        case respond(GatewayResponse)
        /// Read the body and send the request upstream.
        case forward(Exchange)
    }

    public init(configuration: GatewayConfiguration, catalog: VersionCatalog) {
        self.configuration = configuration
        self.resolver = VersionResolver(catalog: catalog)
        self.upstreamVersion = configuration.upstreamVersion ?? catalog.defaultVersion
        self.admin = AdminEndpoints(prefix: configuration.adminPathPrefix, catalog: catalog)
        self.versionHeader = configuration.versionHeaderName.lowercased()
        self.stamps = Dictionary(
            uniqueKeysWithValues: catalog.names.map { name in
                (name, VersionHeaders.fields(version: name, headerName: configuration.versionHeaderName))
            })
    }

    /// The version stamped on responses to requests that did not resolve one.
    public var defaultVersion: VersionName { self.resolver.catalog.defaultVersion }

    public func route(_ head: RequestHead) -> Decision {
        let headerName = self.configuration.versionHeaderName
        if self.admin.owns(head.target) {
            return .respond(self.stamped(self.admin.respond(to: head), version: self.defaultVersion))
        }
        switch self.resolver.resolve(header: head.headers.first(self.versionHeader)) {
        case .failure(.malformed(let value)):
            let problem = GatewayProblem.malformedVersion(
                header: headerName, value: value, supported: self.resolver.catalog.names)
            return .respond(self.problem(problem, version: self.defaultVersion))
        case .failure(.unknown(let version)):
            let problem = GatewayProblem.unknownVersion(
                header: headerName, version: version, supported: self.resolver.catalog.names)
            return .respond(self.problem(problem, version: self.defaultVersion))
        case .success(let version):
            if let expectation = head.headers.first("expect"), expectation.lowercased() != "100-continue" {
                return .respond(self.problem(.expectationFailed(expectation), version: version))
            }
            return .forward(Exchange(version: version, isHead: head.method == "HEAD"))
        }
    }

    public func upstreamRequest(
        for head: RequestHead, body: [UInt8], framing: BodyFraming, client: inout ClientAddress
    )
        -> UpstreamRequest
    {
        let headers = ProxyHygiene.upstreamHeaders(
            for: head, client: &client, versionHeader: self.configuration.versionHeaderName,
            canonicalVersionHeader: self.versionHeader, upstreamVersion: self.upstreamVersion.description)
        let sendsBody = framing != .none || ["POST", "PUT", "PATCH"].contains(head.method)
        return UpstreamRequest(method: head.method, target: head.target, headers: headers, body: sendsBody ? body : nil)
    }

    public func response(for result: Result<UpstreamResponse, CurlClientError>, exchange: Exchange) -> GatewayResponse {
        switch result {
        case .success(let upstream):
            let headerBlock = ProxyHygiene.clientHeaderBlock(
                from: upstream.headerBlock, keepContentLength: exchange.isHead,
                canonicalVersionHeader: self.versionHeader)
            return GatewayResponse(
                status: upstream.status, reason: upstream.reason, headers: self.stampFields(exchange.version),
                headerBlock: headerBlock,
                body: upstream.body)
        case .failure(let error):
            let problem = GatewayProblem(error, timeoutSeconds: self.configuration.upstreamTimeoutSeconds)
            return self.problem(problem, version: exchange.version)
        }
    }

    /// A problem response stamped with `version` (the default when the request resolved none).
    public func problem(_ problem: GatewayProblem, version: VersionName? = nil) -> GatewayResponse {
        self.stamped(problem.details.response, version: version ?? self.defaultVersion)
    }

    private func stamped(_ response: GatewayResponse, version: VersionName) -> GatewayResponse {
        var response = response
        response.headers += self.stampFields(version)
        return response
    }

    private func stampFields(_ version: VersionName) -> [HTTPField] {
        self.stamps[version] ?? VersionHeaders.fields(version: version, headerName: self.configuration.versionHeaderName)
    }
}
