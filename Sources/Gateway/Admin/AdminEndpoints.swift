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

    /// - Parameter upstreamHealth: what this loop's clients last learnt of each upstream, for the health report.
    func respond(to head: RequestHead, upstreamHealth: () -> [UpstreamHealth]) -> GatewayResponse {
        let path = head.target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.target
        switch path {
        case self.prefix + "/health":
            return self.health(upstreamHealth())
        case _ where path.hasPrefix(self.prefix + "/guides/"):
            let name = path.dropFirst(self.prefix.count + "/guides/".count)
            guard let guide = self.guides[name + ".md"] else {
                return GatewayProblem.adminNotFound(path: path).details.response
            }
            return GatewayResponse(
                status: 200,
                headers: [HTTPField("Content-Type", "text/markdown; charset=utf-8")],
                body: Array(guide.utf8)
            )
        default:
            return GatewayProblem.adminNotFound(path: path).details.response
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
