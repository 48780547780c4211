import ContentCoding

/// The content coding a translatable response goes back in. curl decodes the upstream's coding for any response
/// the gateway may translate (see `UpstreamRequest.decodesContent`); the client gets gzip again when the upstream
/// had coded the body and the client's `Accept-Encoding` takes gzip (RFC 9110 §12.5.3), and identity otherwise.
/// Following the upstream's choice keeps its policy on what is worth compressing.
struct ClientCoding {
    /// Whether curl decoded the upstream's body: it named a coding other than identity.
    let wasDecoded: Bool
    /// Whether the client gets the body in gzip.
    let gzips: Bool

    static let identity = ClientCoding(wasDecoded: false, gzips: false)

    private init(wasDecoded: Bool, gzips: Bool) {
        self.wasDecoded = wasDecoded
        self.gzips = gzips
    }

    /// The coding for a response with the upstream's `headerBlock`, to a client that does or does not take gzip.
    init(upstreamHeaderBlock: [UInt8], acceptsGzip: Bool) {
        let wasDecoded = upstreamHeaderBlock.withUnsafeBytes { raw in
            HeaderBlockLines(raw).contains { line, name in
                HTTPSyntax.nameEquals(name, "content-encoding")
                    && HTTPSyntax.asciiLowercased(HeaderBlockLines.value(of: line, name: name)) != "identity"
            }
        }
        self.init(wasDecoded: wasDecoded, gzips: wasDecoded && acceptsGzip)
    }

    /// `block` with `Accept-Encoding` among the fields its `Vary` lists, when the response depends on it: its body
    /// was decoded (and may be coded again), or its `ETag` names the client's coding (see ``EntityTags``).
    func varying(_ block: [UInt8]) -> [UInt8] {
        let hasTag = block.withUnsafeBytes { raw in
            HeaderBlockLines(raw).contains { HTTPSyntax.nameEquals($0.name, "etag") }
        }
        guard self.wasDecoded || hasTag else { return block }
        return VaryField.adding("Accept-Encoding", to: block)
    }

    /// Codes `response`'s body in gzip when the client gets gzip, and says so in `Content-Encoding`; a `HEAD`
    /// answer says so without a body.
    func encode(_ response: inout GatewayResponse, isHead: Bool) {
        // An empty body has no gzip form: it stays identity.
        guard self.gzips, isHead || !response.body.isEmpty else { return }
        if !isHead { response.body = ContentEncoder.gzip(response.body) }
        response.headerBlock.append(contentsOf: "Content-Encoding: gzip\r\n".utf8)
    }
}
