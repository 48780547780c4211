import Synchronization

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

    /// The health after a transfer finished with `result`: failures that say nothing of the upstream's
    /// reachability (a body over the limit, a client shutting down) leave it as it was.
    func updated(by result: Result<UpstreamResponse, CurlClientError>) -> UpstreamHealth {
        switch result {
        case .success: .answering
        case .failure(let error) where error.kind == .unreachable || error.kind == .timedOut: .failing(error.kind)
        case .failure: self
        }
    }
}

/// One upstream's ``UpstreamHealth``, shared by the clients of every loop so that each loop reports what the last
/// transfer of any loop said.
///
/// Concurrency: any thread. A finishing transfer reads the shared word and writes it only when the state changes,
/// so loops that keep finishing transfers with the same outcome never write the shared cache line.
public final class UpstreamHealthRecord: Sendable {
    private let state = Atomic<UInt8>(0)

    public init() {}

    public var health: UpstreamHealth {
        switch self.state.load(ordering: .relaxed) {
        case 1: .answering
        case 2: .failing(.unreachable)
        case 3: .failing(.timedOut)
        default: .unknown
        }
    }

    func record(_ result: Result<UpstreamResponse, CurlClientError>) {
        let code: UInt8 =
            switch self.health.updated(by: result) {
            case .unknown: 0
            case .answering: 1
            case .failing(.timedOut): 3
            case .failing: 2
            }
        if self.state.load(ordering: .relaxed) != code { self.state.store(code, ordering: .relaxed) }
    }
}
