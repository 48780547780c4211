import ContentCoding
import CurlClient

/// The content coding a translatable response goes back in. On any request it may translate, the gateway asks the
/// upstream for gzip when the client takes gzip (RFC 9110 §12.5.3), and for identity otherwise, so that a body no
/// change concerns can be relayed in the coding it came in (``relaying(_:acceptsGzip:)``). A body it translates, or
/// one in a coding the client does not take after all, it decodes with ``ContentDecoder`` (bounded, and strict about
/// truncated or corrupt streams, which libcurl's decoder lets pass); the client gets gzip again when the upstream had
/// coded the body and the client takes gzip, and identity otherwise. Following the upstream's choice keeps its policy
/// on what is worth compressing.
struct ClientCoding {
    /// The `Accept-Encoding` a translatable request goes upstream with: gzip for a client that takes it, identity
    /// for one that does not.
    static func upstreamAcceptEncoding(acceptsGzip: Bool) -> String {
        acceptsGzip ? "gzip" : "identity"
    }

    /// Whether the upstream's body was decoded: it named a coding other than identity.
    let wasDecoded: Bool
    /// Whether the client gets the body in gzip.
    let gzips: Bool
    /// Whether the client gets the body in the upstream's coding, relayed as it came (the gateway gzips nothing).
    let passesCodingOn: Bool

    /// The body goes on as it came, in no coding: not decoded, nor coded by the gateway.
    static let identity = ClientCoding(wasDecoded: false, gzips: false, passesCodingOn: false)

    private init(wasDecoded: Bool, gzips: Bool, passesCodingOn: Bool) {
        self.wasDecoded = wasDecoded
        self.gzips = gzips
        self.passesCodingOn = passesCodingOn
    }

    /// The coding a body relayed unread reaches the client in: the upstream's, when it names none, or gzip alone
    /// to a client that takes gzip. Nil when the body would have to be decoded for the client (another coding,
    /// several, or gzip to a client that does not take it), and so must be held.
    static func relaying(_ headerBlock: [UInt8], acceptsGzip: Bool) -> ClientCoding? {
        guard let codings = try? Self.codings(of: headerBlock) else { return nil }
        if codings.isEmpty { return .identity }
        return codings == [.gzip] && acceptsGzip
            ? ClientCoding(wasDecoded: false, gzips: false, passesCodingOn: true) : nil
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
        do throws(ContentCodingError) {
            let codings = try Self.codings(of: upstream.headerBlock)
            guard !codings.isEmpty else { return .identity }
            upstream.body = try ContentDecoder.decode(upstream.body, codings: codings, limit: limit)
            return ClientCoding(wasDecoded: true, gzips: acceptsGzip, passesCodingOn: false)
        } catch {
            switch error {
            case .tooLarge: throw .upstreamResponseTooLarge
            case .unsupported, .corrupt: throw .upstreamInvalid(error.description)
            }
        }
    }

    /// The codings the `Content-Encoding` fields of `headerBlock` (raw `Name: value\r\n` lines) list, in the order
    /// they were applied; empty for none.
    /// - Throws: ``ContentCodingError/unsupported(_:)`` for a coding the gateway cannot undo.
    private static func codings(of headerBlock: [UInt8]) throws(ContentCodingError) -> [ContentCoding] {
        var names: [String] = []
        headerBlock.withUnsafeBytes { raw in
            for (line, name) in HeaderBlockLines(raw) where HTTPSyntax.nameEquals(name, "content-encoding") {
                names.append(String(decoding: HeaderBlockLines.value(of: line, name: name), as: UTF8.self))
            }
        }
        return names.isEmpty ? [] : try ContentCoding.codings(in: names.joined(separator: ","))
    }

    /// Puts `Accept-Encoding` among the fields `block`'s `Vary` lists, when the response depends on it: its body
    /// was decoded (and may be coded again) or keeps a coding only some clients take, or its `ETag` names the
    /// client's coding (see ``EntityTags``).
    func vary(_ block: inout [UInt8]) {
        let hasTag = block.withUnsafeBytes { raw in
            HeaderBlockLines(raw).contains { HTTPSyntax.nameEquals($0.name, "etag") }
        }
        guard self.wasDecoded || self.passesCodingOn || hasTag else { return }
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
