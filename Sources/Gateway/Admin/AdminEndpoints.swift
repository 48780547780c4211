import CurlClient
import Versioning

/// The gateway's own endpoints, under a reserved prefix that is never forwarded.
struct AdminEndpoints: Sendable {
    let prefix: String
    let catalog: VersionCatalog
    /// Migration guides by file name (`v1-to-v2.md`), served at `<prefix>/guides/v1-to-v2`.
    let guides: [String: String]
    /// Each upstream, in the order of ``RequestPipeline/upstreams``. Their addresses are not reported: the health
    /// endpoint is open to anyone who reaches the gateway.
    let upstreams: [UpstreamSummary]
    /// The protected endpoints and their token.
    let access: AdminAccess

    struct UpstreamSummary: Sendable {
        /// The versions it serves; empty for a default upstream that every version bypasses.
        let serves: [VersionName]
        /// The versions requests reach it in: one for a translating upstream, each it serves for one of their own.
        let speaks: [VersionName]
    }

    /// Whether `target` is under the admin prefix (`/_versiongate`, `/_versiongate/…`, `/_versiongate?…`).
    func owns(_ target: String) -> Bool {
        guard target.hasPrefix(self.prefix) else { return false }
        let rest = target.utf8.dropFirst(self.prefix.utf8.count)
        return rest.first == nil || rest.first == UInt8(ascii: "/") || rest.first == UInt8(ascii: "?")
    }

    /// An admin endpoint's answer: at once, or after work off the event loop.
    enum Answer {
        case now(GatewayResponse)
        case later(@Sendable () async -> GatewayResponse)
    }

    /// - Parameter upstreamHealth: what this loop's clients last learnt of each upstream, for the health report.
    func respond(to head: RequestHead, upstreamHealth: () -> [UpstreamHealth]) -> Answer {
        let path = head.target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.target
        switch path {
        case self.prefix + "/health":
            return .now(self.health(upstreamHealth()))
        case self.prefix + "/report":
            guard let report = self.access.report, let token = self.access.token else {
                return .now(GatewayProblem.adminNotFound(path: path).details.response)
            }
            if let refusal = Self.refusal(of: head, token: token) { return .now(refusal) }
            return .later { await Self.report(report) }
        case self.prefix + "/metrics":
            guard let metrics = self.access.metrics, self.access.metricsArePublic || self.access.token != nil else {
                return .now(GatewayProblem.adminNotFound(path: path).details.response)
            }
            if !self.access.metricsArePublic, let token = self.access.token,
                let refusal = Self.refusal(of: head, token: token)
            {
                return .now(refusal)
            }
            return .now(
                GatewayResponse(
                    status: 200,
                    headers: [
                        HTTPField("Content-Type", "text/plain; version=0.0.4; charset=utf-8"),
                        HTTPField("Cache-Control", "no-store"),
                    ],
                    body: metrics()
                )
            )
        case _ where path.hasPrefix(self.prefix + "/guides/"):
            let name = path.dropFirst(self.prefix.count + "/guides/".count)
            guard let guide = self.guides[name + ".md"] else {
                return .now(GatewayProblem.adminNotFound(path: path).details.response)
            }
            return .now(
                GatewayResponse(
                    status: 200,
                    headers: [HTTPField("Content-Type", "text/markdown; charset=utf-8")],
                    body: Array(guide.utf8)
                )
            )
        default:
            return .now(GatewayProblem.adminNotFound(path: path).details.response)
        }
    }

    /// Why a protected endpoint refuses `head`: a method other than GET or HEAD (`405`), or not exactly one
    /// `Authorization` field carrying the admin token (`401`); nil when it may pass.
    private static func refusal(of head: RequestHead, token: AdminToken) -> GatewayResponse? {
        guard head.method == "GET" || head.method == "HEAD" else {
            return GatewayProblem.adminMethodNotAllowed(head.method).details.response
        }
        let credentials = head.headers.values("authorization")
        guard credentials.count == 1, token.admits(credentials[0]) else {
            return GatewayProblem.adminUnauthorized(presented: !credentials.isEmpty).details.response
        }
        return nil
    }

    /// `200` with the report's JSON, or `503` when it cannot be built now.
    private static func report(_ source: AdminAccess.ReportSource) async -> GatewayResponse {
        do {
            return GatewayResponse(
                status: 200,
                headers: [HTTPField("Content-Type", "application/json"), HTTPField("Cache-Control", "no-store")],
                body: try await source()
            )
        } catch {
            return GatewayProblem.reportUnavailable(error.description).details.response
        }
    }

    /// `200` with `{"status": "ok" | "degraded", "versions": [...], "upstreams": [{"serves": [...], "speaks": [...],
    /// "state": "unknown" | "answering" | "unreachable" | "timed-out"}]}`. The gateway itself is up whatever its
    /// upstreams do, so the status code stays `200` (a load balancer must not drop every gateway because one
    /// backend is down); `degraded` says that some upstream's last transfer failed.
    private func health(_ states: [UpstreamHealth]) -> GatewayResponse {
        let upstreams = self.upstreams.enumerated().map { index, upstream in
            let state = index < states.count ? states[index] : .unknown
            return "{\"serves\":\(Self.list(upstream.serves)),\"speaks\":\(Self.list(upstream.speaks)),"
                + "\"state\":\"\(state.name)\"}"
        }
        let degraded = states.contains { if case .failing = $0 { true } else { false } }
        let body =
            "{\"status\":\"\(degraded ? "degraded" : "ok")\",\"versions\":\(Self.list(self.catalog.names)),"
            + "\"upstreams\":[\(upstreams.joined(separator: ","))]}"
        return GatewayResponse(
            status: 200,
            headers: [HTTPField("Content-Type", "application/json"), HTTPField("Cache-Control", "no-store")],
            body: Array(body.utf8)
        )
    }

    private static func list(_ versions: [VersionName]) -> String {
        "[" + versions.map { ProblemDetails.quoted($0.description) }.joined(separator: ",") + "]"
    }
}
