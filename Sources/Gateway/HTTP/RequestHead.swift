/// A parsed request line and header section.
public struct RequestHead: Sendable, Equatable {
    public var method: String
    /// The target in origin form (`/path?query`), or `*` for a server-wide `OPTIONS`. An absolute-form target
    /// (`http://host/path`) is reduced to its origin form by the parser.
    public var target: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    public var headers: [HTTPField]

    public init(method: String, target: String, minorVersion: Int = 1, headers: [HTTPField]) {
        self.method = method
        self.target = target
        self.minorVersion = minorVersion
        self.headers = headers
    }

    /// Whether the body is declared a media type other than JSON by `Content-Type` (the parser refuses several).
    /// Changes describe JSON documents, so such a body is never read: it goes upstream as it arrives.
    var declaresNonJSONBody: Bool { JSONMediaType.declaresOther(in: self.headers) }

    /// Whether the client wants the connection kept open after this exchange (RFC 9112 §9.3).
    public var wantsKeepAlive: Bool {
        let options = self.headers.tokens("connection")
        if self.minorVersion == 0 { return options.contains("keep-alive") }
        return !options.contains("close")
    }
}

/// How the body of a request is delimited (RFC 9112 §6.3).
public enum BodyFraming: Sendable, Equatable {
    case none
    case length(Int)
    case chunked
}
