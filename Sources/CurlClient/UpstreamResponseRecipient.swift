/// Receives a transfer whose response head decides how its body travels (``CurlClient/start(_:decidingAtHead:)``):
/// collected whole, then told as an ``UpstreamResponseHandler``, or relayed as it arrives, then told as an
/// ``UpstreamStreamConsumer``. A gateway translates only some responses (JSON, successful) and relays the rest,
/// which only the head tells apart.
///
/// Until the head, it is told only that the transfer takes more of a request body sent as it arrives
/// (``UpstreamStreamConsumer/upstreamStreamTakesRequestBody()``), or that it failed
/// (``UpstreamResponseHandler/upstreamTransfer(finishedWith:)``).
public protocol UpstreamResponseRecipient: UpstreamResponseHandler, UpstreamStreamConsumer {
    /// Whether the body of the response `head` starts is collected whole rather than relayed. Asked once, on the
    /// loop thread after curl's call returned and before anything else is told of the response; it should only look,
    /// not start, cancel or resume transfers.
    func upstreamTransferCollectsBody(after head: UpstreamResponseHead) -> Bool
}
