/// A request to send upstream, already in the form the upstream expects.
public struct UpstreamRequest: Sendable {
    /// The method token, sent as is (`GET`, `PATCH`, …).
    public var method: String
    /// The request target, sent byte for byte after the upstream's base path (`/orders?limit=2`).
    public var target: String
    /// Headers to send, in order. Hop-by-hop headers must already be gone; `Host` and `Content-Length` are curl's.
    public var headers: [(name: String, value: String)]
    /// The body, or nil for a request without one. An empty body is sent with `Content-Length: 0`.
    public var body: [UInt8]?
    /// Whether to ask for any content coding libcurl can decode (gzip, deflate, and br or zstd where built in) and
    /// decode the response body, for a body the gateway will rewrite. Otherwise codings pass untouched: the
    /// client's `Accept-Encoding` goes upstream as it is, and the upstream's bytes come back as they were.
    public var decodesContent = false

    public init(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]?) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }
}
