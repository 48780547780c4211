/// What a reverse proxy must drop and add on the way through (RFC 9110 §7.6): hop-by-hop fields never cross,
/// the client's address travels in `X-Forwarded-For` and `Forwarded`.
public enum ProxyHygiene {
    /// Fields that describe one connection, not the message (RFC 9110 §7.6.1), plus the legacy `Keep-Alive`
    /// and `Proxy-Connection`. Any `Proxy-*` field and any field named in `Connection` is dropped as well.
    static let hopByHopFields: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
    ]

    /// Whether a field must not be forwarded, given the lowercased options of the message's `Connection` fields.
    public static func isHopByHop(_ field: HTTPField, connectionOptions: [String]) -> Bool {
        let name = field.name.lowercased()
        return self.hopByHopFields.contains(name) || name.hasPrefix("proxy-") || connectionOptions.contains(name)
    }

    /// The client's fields as the upstream gets them: hop-by-hop fields, `Host`, `Content-Length` and `Expect`
    /// removed (curl frames the request itself), the version header replaced by the upstream's version, and
    /// `X-Forwarded-For`, `X-Forwarded-Host`, `X-Forwarded-Proto` and `Forwarded` describing the client.
    public static func upstreamHeaders(
        for head: RequestHead,
        clientAddress: String,
        versionHeader: String,
        upstreamVersion: String
    ) -> [(name: String, value: String)] {
        let options = head.headers.tokens("connection")
        var forwardedFor: String?
        var forwarded: String?
        var result: [(name: String, value: String)] = []
        result.reserveCapacity(head.headers.count + 5)
        for field in head.headers {
            if self.isHopByHop(field, connectionOptions: options) { continue }
            if field.hasName("host") || field.hasName("content-length") || field.hasName("expect")
                || field.hasName(versionHeader) || field.hasName("x-forwarded-host")
                || field.hasName("x-forwarded-proto")
            {
                continue
            }
            if field.hasName("x-forwarded-for") {
                forwardedFor = forwardedFor.map { $0 + ", " + field.value } ?? field.value
                continue
            }
            if field.hasName("forwarded") {
                forwarded = forwarded.map { $0 + ", " + field.value } ?? field.value
                continue
            }
            result.append((field.name, field.value))
        }
        let host = head.headers.first("host")
        result.append((versionHeader, upstreamVersion))
        result.append(("X-Forwarded-For", forwardedFor.map { $0 + ", " + clientAddress } ?? clientAddress))
        if let host { result.append(("X-Forwarded-Host", host)) }
        result.append(("X-Forwarded-Proto", "http"))
        let element = self.forwardedElement(clientAddress: clientAddress, host: host)
        result.append(("Forwarded", forwarded.map { $0 + ", " + element } ?? element))
        return result
    }

    /// The upstream's fields as the client gets them: hop-by-hop fields and the upstream's own version header
    /// removed, and `Content-Length` too unless `keepContentLength` (a `HEAD` response describes a body it
    /// does not carry, so its length must pass as is); the serializer frames everything else itself.
    public static func clientHeaders(
        from upstream: [(name: String, value: String)],
        keepContentLength: Bool,
        versionHeader: String
    ) -> [HTTPField] {
        let fields = upstream.map { HTTPField($0.name, $0.value) }
        let options = fields.tokens("connection")
        return fields.filter { field in
            !self.isHopByHop(field, connectionOptions: options) && !field.hasName(versionHeader)
                && (keepContentLength || !field.hasName("content-length"))
        }
    }

    /// One `Forwarded` element (RFC 7239 §4): IPv6 addresses and hosts with unusual characters are quoted.
    static func forwardedElement(clientAddress: String, host: String?) -> String {
        let node = clientAddress.contains(":") ? "\"[\(clientAddress)]\"" : clientAddress
        var element = "for=\(node)"
        if let host {
            let isToken = host.utf8.allSatisfy(HTTPSyntax.isTokenByte)
            element += ";host=" + (isToken ? host : ProblemDetails.quoted(host))
        }
        return element + ";proto=http"
    }
}
