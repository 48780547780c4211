/// Fields that describe the upstream's bytes of a representation: its digests (RFC 9530 `Content-Digest` and
/// `Repr-Digest`, RFC 3230 `Digest`, RFC 1864 `Content-MD5`) and its byte ranges (RFC 9110 §14). A translated body
/// is another representation, so once the gateway rewrites a body these would describe bytes the client never
/// gets: they go, and the client gets the whole translated body.
///
/// The request side is the pipeline's: a request it may translate goes upstream without `Range` and `If-Range`, since
/// a translated response cannot honour them (RFC 9110 §14.2 lets a server ignore `Range`).
enum RepresentationFields {
    /// What a translated or decoded body, or a `HEAD` answer for one, must not carry: the above, and the upstream's
    /// `Content-Encoding`, since the gateway decoded the body (``ClientCoding`` names the client's own).
    static let describingTranslatedBytes = FieldNameSet([
        "content-md5", "digest", "content-digest", "repr-digest", "content-range", "accept-ranges", "content-encoding",
    ])

    /// What a response to a request the gateway may translate must not carry, even when its body passes as the
    /// upstream sent it: the request went upstream without `Range`, so the gateway honours none.
    static let rangeSupport = FieldNameSet(["accept-ranges"])

    /// What a request body the gateway rewrote or decoded must not carry upstream: its digests, and its
    /// `Content-Encoding`, since a decoded body goes up as identity.
    static let describingRequestBytes = FieldNameSet([
        "content-md5", "digest", "content-digest", "repr-digest", "content-encoding",
    ])

    /// `block` (raw `Name: value\r\n` lines) without the fields named in `names`.
    static func removing(_ names: FieldNameSet, from block: [UInt8]) -> [UInt8] {
        block.withUnsafeBytes { raw in
            let lines = HeaderBlockLines(raw)
            // Most blocks carry none of them: find out without allocating.
            guard lines.contains(where: { names.contains($0.name) }) else { return block }
            var kept: [UInt8] = []
            kept.reserveCapacity(raw.count)
            for (line, name) in lines where !names.contains(name) { kept.append(contentsOf: line) }
            return kept
        }
    }
}
