/// What a client last learnt of its upstream from the transfers that finished, for health reports. It costs
/// nothing to keep: it changes only when a transfer finishes, and is never probed for.
public enum UpstreamHealth: Sendable, Equatable {
    /// No transfer has finished yet.
    case unknown
    /// The last transfer that finished got a response (whatever its status).
    case answering
    /// The last transfer that finished got no response: the upstream was unreachable or too slow.
    case failing(CurlClientError.Kind)

    /// `unknown`, `answering`, `unreachable` or `timed-out`, as health reports spell it.
    public var name: String {
        switch self {
        case .unknown: "unknown"
        case .answering: "answering"
        case .failing(.timedOut): "timed-out"
        case .failing: "unreachable"
        }
    }

    /// The health after a transfer finished with `result`: failures that say nothing of the upstream (a body over
    /// the limit, a client shutting down) leave it as it was.
    func updated(by result: Result<UpstreamResponse, CurlClientError>) -> UpstreamHealth {
        switch result {
        case .success: .answering
        case .failure(let error) where error.kind == .unreachable || error.kind == .timedOut: .failing(error.kind)
        case .failure: self
        }
    }
}
