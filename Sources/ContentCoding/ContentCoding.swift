/// A content coding the gateway can undo and apply (RFC 9110 §8.4.1): `gzip` (RFC 1952, also spelled `x-gzip`)
/// and `deflate` (the zlib format, RFC 1950).
public enum ContentCoding: String, Sendable, Equatable {
    case gzip
    case deflate

    /// The coding a `Content-Encoding` token names, compared without case; nil for `identity` and for codings the
    /// gateway cannot undo.
    public init?(token: some StringProtocol) {
        switch token.lowercased() {
        case "gzip", "x-gzip": self = .gzip
        case "deflate": self = .deflate
        default: return nil
        }
    }

    /// The codings a `Content-Encoding` field value lists, in the order they were applied (`identity` left out).
    /// - Throws: ``ContentCodingError/unsupported(_:)`` naming the first coding the gateway cannot undo.
    public static func codings(in fieldValue: String) throws(ContentCodingError) -> [ContentCoding] {
        var codings: [ContentCoding] = []
        for element in fieldValue.split(separator: ",") {
            let token = element.trimmingOWS
            guard !token.isEmpty, token.lowercased() != "identity" else { continue }
            guard let coding = ContentCoding(token: token) else { throw .unsupported(String(token).lowercased()) }
            codings.append(coding)
        }
        return codings
    }
}

extension Substring {
    /// Without the optional whitespace (spaces and tabs, RFC 9110 §5.6.3) around it.
    var trimmingOWS: Substring {
        let isOWS: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let start = self.drop(while: isOWS)
        return start.dropLast(start.reversed().prefix(while: isOWS).count)
    }
}
