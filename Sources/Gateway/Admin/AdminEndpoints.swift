import Versioning

/// The gateway's own endpoints, under a reserved prefix that is never forwarded.
struct AdminEndpoints: Sendable {
    let prefix: String
    let catalog: VersionCatalog
    /// Migration guides by file name (`v1-to-v2.md`), served at `<prefix>/guides/v1-to-v2`.
    let guides: [String: String]

    /// Whether `target` is under the admin prefix (`/_versiongate`, `/_versiongate/…`, `/_versiongate?…`).
    func owns(_ target: String) -> Bool {
        guard target.hasPrefix(self.prefix) else { return false }
        let rest = target.utf8.dropFirst(self.prefix.utf8.count)
        return rest.first == nil || rest.first == UInt8(ascii: "/") || rest.first == UInt8(ascii: "?")
    }

    func respond(to head: RequestHead) -> GatewayResponse {
        let path = head.target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.target
        switch path {
        case self.prefix + "/health":
            let versions = self.catalog.names.map { ProblemDetails.quoted($0.description) }.joined(separator: ",")
            let body = "{\"status\":\"ok\",\"versions\":[\(versions)]}"
            return GatewayResponse(
                status: 200,
                headers: [HTTPField("Content-Type", "application/json"), HTTPField("Cache-Control", "no-store")],
                body: Array(body.utf8)
            )
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
}
