/// What a reverse proxy must drop and add on the way through (RFC 9110 §7.6): hop-by-hop fields never cross,
/// the client's address travels in `X-Forwarded-For` and `Forwarded`.
public enum ProxyHygiene {
    /// Fields that describe one connection, not the message (RFC 9110 §7.6.1), plus the legacy `Keep-Alive`
    /// and `Proxy-Connection`. Any `Proxy-*` field and any field named in `Connection` is dropped as well.
    static let hopByHopFields: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
    ]

    /// ``hopByHopFields`` for raw names.
    static let hopByHopNames = FieldNameSet(hopByHopFields)

    /// Whether a field named `canonicalName` must not be forwarded, given the lowercased options of the
    /// message's `Connection` fields.
    public static func isHopByHop(_ canonicalName: String, connectionOptions: [String]) -> Bool {
        self.hopByHopFields.contains(canonicalName) || canonicalName.utf8.starts(with: "proxy-".utf8)
            || connectionOptions.contains(canonicalName)
    }

    /// The client's fields as the upstream gets them: hop-by-hop fields, `Host`, `Content-Length` and `Expect`
    /// removed (curl frames the request itself), the version header replaced by the upstream's version, and
    /// `X-Forwarded-For` and `Forwarded` (which also carries the original host and protocol) describing the client,
    /// and `via` (`1.1 versiongate`) added as a `Via` field, as a gateway owes its inbound requests
    /// (RFC 9110 §7.6.3); nil to send none.
    public static func upstreamHeaders(
        for head: RequestHead,
        client: inout ClientAddress,
        versionHeader: String,
        canonicalVersionHeader: String,
        upstreamVersion: String,
        via: String?
    ) -> [(name: String, value: String)] {
        let options = head.headers.tokens("connection")
        var forwardedFor: String?
        var forwarded: String?
        var host: String?
        var result: [(name: String, value: String)] = []
        result.reserveCapacity(head.headers.count + 4)
        for field in head.headers {
            switch field.canonicalName {
            case "host": host = field.value
            case "content-length", "expect", canonicalVersionHeader: break
            case "x-forwarded-for": forwardedFor = forwardedFor.map { $0 + ", " + field.value } ?? field.value
            case "forwarded": forwarded = forwarded.map { $0 + ", " + field.value } ?? field.value
            case let name where self.isHopByHop(name, connectionOptions: options): break
            default: result.append((field.name, field.value))
            }
        }
        result.append((versionHeader, upstreamVersion))
        result.append(("X-Forwarded-For", forwardedFor.map { $0 + ", " + client.text } ?? client.text))
        let element = client.forwardedElement(host: host)
        result.append(("Forwarded", forwarded.map { $0 + ", " + element } ?? element))
        if let via { result.append(("Via", via)) }
        return result
    }

    /// The upstream's header block as the client gets it: hop-by-hop fields and the upstream's own version
    /// header removed, and `Content-Length` too unless `keepContentLength` (a `HEAD` response describes a body
    /// it does not carry, so its length must pass as is). A `Date` that is not an HTTP-date goes too: the
    /// gateway then gives its own time (RFC 9110 §6.6.1). Works on the raw lines; no field becomes a string.
    /// - Parameter carriesDate: set to whether the kept fields include `Date`, which the gateway adds otherwise.
    public static func clientHeaderBlock(
        from block: [UInt8],
        keepContentLength: Bool,
        canonicalVersionHeader: String,
        carriesDate: inout Bool
    ) -> [UInt8] {
        var foundDate = false
        defer { carriesDate = foundDate }
        return block.withUnsafeBytes { raw in
            let lines = HeaderBlockLines(raw)
            let options = lines.connectionOptions(skipping: self.hopByHopNames)
            var kept: [UInt8] = []
            kept.reserveCapacity(raw.count)
            for (line, name) in lines {
                if HTTPSyntax.nameEquals(name, "date") {
                    guard !foundDate, HTTPDate.isValid(HeaderBlockLines.value(of: line, name: name)) else { continue }
                    foundDate = true
                }
                let drop =
                    HTTPSyntax.nameEquals(name, canonicalVersionHeader)
                    || (!keepContentLength && HTTPSyntax.nameEquals(name, "content-length"))
                    || self.hopByHopNames.contains(name)
                    || (name.count > 6
                        && HTTPSyntax.nameEquals(UnsafeRawBufferPointer(rebasing: name[0..<6]), "proxy-"))
                    || options.contains { HTTPSyntax.nameEquals(name, $0) }
                if !drop { kept.append(contentsOf: line) }
            }
            return kept
        }
    }
}
