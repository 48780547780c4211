import Clients
import CurlClient
import Gateway
import Testing
import Versioning

extension RequestPipeline {
    /// The exchange of a request the pipeline forwards; nil, recorded as an issue, when it answers itself.
    func forwardedExchange(
        _ head: RequestHead,
        clients: ClientSnapshot = .empty,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Exchange? {
        guard case .forward(let exchange) = self.route(head, clients: clients) else {
            Issue.record("not forwarded", sourceLocation: sourceLocation)
            return nil
        }
        return exchange
    }

    /// The request as the upstream gets it, the plan for its response and the exchange as it goes on; nil, recorded as an issue, when the
    /// pipeline answers the client itself.
    func sentRequest(
        for head: RequestHead,
        body: [UInt8] = [],
        framing: BodyFraming = .none,
        exchange: Exchange,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> (request: UpstreamRequest, plan: ResponsePlan?, exchange: Exchange)? {
        var client = ClientAddress("10.0.0.1")
        guard
            case .send(let request, let plan, let sentExchange) = self.upstreamRequest(
                for: head,
                body: body,
                framing: framing,
                exchange: exchange,
                client: &client
            )
        else {
            Issue.record("not sent", sourceLocation: sourceLocation)
            return nil
        }
        return (request, plan, sentExchange)
    }
}
