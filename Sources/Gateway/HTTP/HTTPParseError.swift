/// A request that breaks HTTP/1.1's framing rules. Each one ends the connection after its error response,
/// since the bytes that follow can no longer be trusted to start a request (RFC 9112 §11: request smuggling).
public enum HTTPParseError: Error, Sendable, Equatable {
    case headTooLarge(limit: Int)
    case tooManyHeaderFields(limit: Int)
    case malformedRequestLine
    case invalidMethod
    case invalidTarget
    case unsupportedVersion(String)
    case bareLineFeed
    case invalidHeaderName
    case invalidHeaderValue(name: String)
    case obsoleteLineFolding
    case missingHost
    case multipleHosts
    case multipleContentTypes
    case invalidContentLength
    case contentLengthWithTransferEncoding
    case unsupportedTransferCoding(String)
    case transferEncodingInHTTP10
    case chunkedNotFinal
    case invalidChunk
    case bodyTooLarge(limit: Int)
    case unsupportedMethod(String)

    /// The HTTP status that answers it.
    public var status: Int {
        switch self {
        case .headTooLarge, .tooManyHeaderFields: 431
        case .unsupportedVersion: 505
        case .unsupportedTransferCoding, .unsupportedMethod: 501
        case .bodyTooLarge: 413
        default: 400
        }
    }

    /// What was wrong, in words the client's developer can act on.
    public var detail: String {
        switch self {
        case .headTooLarge(let limit): "The request line and headers exceed \(limit) bytes."
        case .tooManyHeaderFields(let limit): "The request has more than \(limit) header fields."
        case .malformedRequestLine: "The request line is not 'METHOD target HTTP/1.1'."
        case .invalidMethod: "The method is not a valid token."
        case .invalidTarget:
            "The request target must be an absolute path ('/…'), an absolute URL, or '*' for OPTIONS, without a fragment ('#…')."
        case .unsupportedVersion(let version): "HTTP version '\(version)' is not supported; use HTTP/1.1."
        case .bareLineFeed: "Lines must end with CRLF; a bare LF was received."
        case .invalidHeaderName: "A header field name is empty or contains characters not allowed in a token."
        case .invalidHeaderValue(let name):
            "The value of header '\(name)' contains control characters or invalid UTF-8."
        case .obsoleteLineFolding: "Header values folded over several lines (obs-fold) are not accepted."
        case .missingHost: "An HTTP/1.1 request needs exactly one Host header; it has none."
        case .multipleHosts: "An HTTP/1.1 request needs exactly one Host header; it has several."
        case .multipleContentTypes:
            "A request declares its body's media type in one Content-Type header (RFC 9110 §8.3); it has several."
        case .invalidContentLength: "Content-Length must be one decimal number, the same in every occurrence."
        case .contentLengthWithTransferEncoding:
            "A request must not carry both Content-Length and Transfer-Encoding (RFC 9112 §6.1)."
        case .unsupportedTransferCoding(let coding): "Transfer-Encoding '\(coding)' is not supported; use chunked."
        case .transferEncodingInHTTP10: "HTTP/1.0 requests cannot use Transfer-Encoding."
        case .chunkedNotFinal: "When Transfer-Encoding is present, chunked must be its final coding."
        case .invalidChunk: "The chunked request body is malformed."
        case .bodyTooLarge(let limit): "The request body exceeds the limit of \(limit) bytes."
        case .unsupportedMethod(let method): "The gateway does not support the \(method) method."
        }
    }
}
