/// The head of an upstream response whose body is relayed as it arrives (``CurlClient/stream(_:to:)``).
public struct UpstreamResponseHead: Sendable, Equatable {
    public var status: Int
    /// The reason phrase of the status line, possibly empty.
    public var reason: String
    /// The header section as received, one `Name: value\r\n` line per field, as in ``UpstreamResponse/headerBlock``.
    public var headerBlock: [UInt8]
    /// The body's length in bytes from `Content-Length` (checked: one value, RFC 9112 §6.3); nil when the body is
    /// chunked or ends when the upstream closes. curl delivers the body without its transfer coding.
    public var contentLength: Int?

    public init(status: Int, reason: String, headerBlock: [UInt8], contentLength: Int?) {
        self.status = status
        self.reason = reason
        self.headerBlock = headerBlock
        self.contentLength = contentLength
    }
}

/// Receives a streamed transfer: its head with the first body bytes, further body bytes in order as curl reads them,
/// then its end. Told on the client's loop thread, after curl's call has returned, so it may start, cancel or resume
/// transfers.
///
/// Either ``upstreamStream(endedWith:)`` alone (a failure before the head), or the head, any number of body
/// deliveries, and the end. A cancelled transfer is told nothing more.
public protocol UpstreamStreamConsumer: AnyObject {
    /// The head, with the body bytes that arrived with it (often the whole of a small body; possibly none), so that
    /// both can go out in one write. Returns whether the consumer takes more now, as
    /// ``upstreamStream(received:)`` does.
    func upstreamStream(receivedHead head: UpstreamResponseHead, body: UnsafeRawBufferPointer) -> Bool
    /// The next bytes of the body, valid only during the call. Returns whether the consumer takes more now: false
    /// pauses the transfer (curl stops reading from the upstream) until ``CurlClient/resume(_:)``.
    func upstreamStream(received body: UnsafeRawBufferPointer) -> Bool
    /// The transfer ended: nil when the whole body was delivered; an error when it failed, before or after the
    /// head (after it, the body delivered so far is incomplete).
    func upstreamStream(endedWith error: CurlClientError?)
    /// A request body sent as it arrives: the transfer has sent most of what it was given, after
    /// ``CurlClient/supplyBody(_:to:)`` said to wait; supply more.
    func upstreamStreamTakesRequestBody()
}

extension UpstreamStreamConsumer {
    /// A consumer that supplies no request body as it arrives is never told.
    public func upstreamStreamTakesRequestBody() {}
}
