/// A request to send upstream, already in the form the upstream expects.
public struct UpstreamRequest: Sendable {
    /// The method token, sent as is (`GET`, `PATCH`, …).
    public var method: String
    /// The request target, sent byte for byte after the upstream's base path (`/orders?limit=2`).
    public var target: String
    /// Headers to send, in order. Hop-by-hop headers must already be gone; `Host` and `Content-Length` are curl's.
    public var headers: [(name: String, value: String)]
    /// A body sent as it arrives rather than whole: its framing. The bytes are handed over with
    /// ``CurlClient/supplyBody(_:to:)`` and ended with ``CurlClient/finishBody(of:)``.
    public enum StreamedBody: Sendable, Equatable {
        /// `Content-Length` bytes.
        case length(Int)
        /// Of unknown length: sent in chunks (RFC 9112 §7.1).
        case chunked
    }

    /// The body, or nil for a request without one. An empty body is sent with `Content-Length: 0`.
    public var body: [UInt8]?
    /// Set for a body sent as it arrives (``body`` is nil then): for streamed transfers (``CurlClient/stream(_:to:)``).
    public var streamedBody: StreamedBody?
    /// A lower limit than the client's ``CurlClient/Configuration/maxResponseBodyBytes`` on this response's body,
    /// in bytes: for a body the gateway will read whole (to translate it). nil keeps the client's.
    public var maxResponseBodyBytes: Int?

    public init(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]?) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }
}
