import CurlClient
import Usage
import Versioning

/// What the gateway learnt of one request to the API and its answer, for the usage ledger and the access log.
struct ExchangeRecord {
    var head: RequestHead
    /// When the request's head was read (monotonic nanoseconds).
    var started: UInt64
    /// `X-Request-ID` as the client sent it (when usable) or as the gateway made it; nil when no log is kept.
    var requestID: String?
    /// The registered client whose token the request presented; nil to name the client from its fields.
    var client: String?
    var requested: RequestedVersion
    var served: VersionName
    var status = 0
    /// The upstream's status; nil when the gateway answered alone or the upstream failed.
    var upstreamStatus: Int?
    /// How long the upstream exchange took (nanoseconds); nil when there was none.
    var upstreamNanoseconds: UInt64?
    /// How the upstream exchange failed, and why in the words of the problem sent (`502`, `504`).
    var upstreamFailure: CurlClientError.Kind?
    var failure: String?
    var bytesIn = 0
    var bytesOut = 0
    /// The changes that altered the exchange, and those its shadow preview found it would meet.
    var fired = FiredChanges()
    /// The farthest version the exchange was compared with: see ``RequestPipeline/Exchange/evaluation(previewed:)``.
    var evaluation: Evaluation?

    init(head: RequestHead, started: UInt64, requested: RequestedVersion, served: VersionName) {
        self.head = head
        self.started = started
        self.requested = requested
        self.served = served
    }
}
