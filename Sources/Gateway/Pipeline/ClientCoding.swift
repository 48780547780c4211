import ContentCoding
import CurlClient

/// The content coding a translatable response goes back in. The gateway asks the upstream for gzip or deflate on
/// any request it may translate, and undoes the coding the upstream chose with ``ContentDecoder`` (bounded, and
/// strict about truncated or corrupt streams, which libcurl's decoder lets pass); the client gets gzip again when
/// the upstream had coded the body and the client's `Accept-Encoding` takes gzip (RFC 9110 §12.5.3), and identity
/// otherwise. Following the upstream's choice keeps its policy on what is worth compressing.
struct ClientCoding {
    /// The `Accept-Encoding` a translatable request goes upstream with: the codings the gateway decodes.
    static let upstreamAcceptEncoding = "gzip, deflate"

    /// Whether the upstream's body was decoded: it named a coding other than identity.
    let wasDecoded: Bool
    /// Whether the client gets the body in gzip.
    let gzips: Bool

    static let identity = ClientCoding(wasDecoded: false, gzips: false)

    private init(wasDecoded: Bool, gzips: Bool) {
        self.wasDecoded = wasDecoded
        self.gzips = gzips
    }

    /// Whether `upstream` names a content coding (other than identity, or not): its body may inflate up to the
    /// body limit when decoded.
    static func isCoded(_ upstream: UpstreamResponse) -> Bool {
        upstream.headerBlock.withUnsafeBytes { raw in
            HeaderBlockLines(raw).contains { HTTPSyntax.nameEquals($0.name, "content-encoding") }
        }
    }

    /// Decodes `upstream`'s body from the codings its `Content-Encoding` names, never past `limit` bytes, and
    /// returns the coding it goes back to the client in.
    /// - Throws: a `502` problem for a coding the gateway cannot decode, bytes that are not valid in their coding,
    ///   or a body that decodes past `limit`.
    static func decoding(
        _ upstream: inout UpstreamResponse,
        acceptsGzip: Bool,
        limit: Int
    ) throws(GatewayProblem) -> ClientCoding {
        var names: [String] = []
        upstream.headerBlock.withUnsafeBytes { raw in
            for (line, name) in HeaderBlockLines(raw) where HTTPSyntax.nameEquals(name, "content-encoding") {
                names.append(String(decoding: HeaderBlockLines.value(of: line, name: name), as: UTF8.self))
            }
        }
        guard !names.isEmpty else { return .identity }
        do throws(ContentCodingError) {
            let codings = try ContentCoding.codings(in: names.joined(separator: ","))
            guard !codings.isEmpty else { return .identity }
            upstream.body = try ContentDecoder.decode(upstream.body, codings: codings, limit: limit)
            return ClientCoding(wasDecoded: true, gzips: acceptsGzip)
        } catch {
            switch error {
            case .tooLarge: throw .upstreamResponseTooLarge
            case .unsupported, .corrupt: throw .upstreamInvalid(error.description)
            }
        }
    }

    /// Puts `Accept-Encoding` among the fields `block`'s `Vary` lists, when the response depends on it: its body
    /// was decoded (and may be coded again), or its `ETag` names the client's coding (see ``EntityTags``).
    func vary(_ block: inout [UInt8]) {
        let hasTag = block.withUnsafeBytes { raw in
            HeaderBlockLines(raw).contains { HTTPSyntax.nameEquals($0.name, "etag") }
        }
        guard self.wasDecoded || hasTag else { return }
        VaryField.add("Accept-Encoding", to: &block)
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
