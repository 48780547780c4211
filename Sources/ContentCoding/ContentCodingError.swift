/// Why a body could not be decoded.
public enum ContentCodingError: Error, Equatable, CustomStringConvertible {
    /// A coding the gateway cannot undo, by its lowercased name (`br`, `compress`, …).
    case unsupported(String)
    /// The decoded body would be larger than `limit` bytes (a small body that inflates enormously, say).
    case tooLarge(limit: Int)
    /// The bytes are not valid in `coding`, or end before it does.
    case corrupt(ContentCoding)

    public var description: String {
        switch self {
        case .unsupported(let name): "the '\(name)' content coding is not one the gateway can decode"
        case .tooLarge(let limit): "the decoded body is larger than \(limit) bytes"
        case .corrupt(let coding): "the body is not valid \(coding.rawValue) data, or ends before it does"
        }
    }
}
