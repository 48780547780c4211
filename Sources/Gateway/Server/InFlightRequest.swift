import Versioning

/// The request a connection is serving: its head, how its body is framed, what the pipeline decided, and how to
/// translate its response back.
///
/// A reference, so that the steps of an exchange (body, upstream, response) share one rather than copy the head's
/// fields and the exchange's on each. Concurrency: confined to its connection's loop thread; work sent off the loop
/// takes copies of the values it needs.
final class InFlightRequest {
    let head: RequestHead
    let framing: BodyFraming
    var exchange: RequestPipeline.Exchange
    /// How to translate the response back; nil until the request is sent, and for a request sent untranslated.
    var plan: ResponsePlan?

    init(head: RequestHead, framing: BodyFraming, exchange: RequestPipeline.Exchange) {
        self.head = head
        self.framing = framing
        self.exchange = exchange
    }
}
