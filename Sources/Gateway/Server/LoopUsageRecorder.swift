import CurlClient
import Store
import Usage
import Versioning

/// One loop's side of the usage ledger and metrics: counts each answered request, and hands the counts to the
/// flusher (``handOver()``), about once a second and when the loop stops.
///
/// Concurrency: owned by its worker, on the worker's loop thread.
struct LoopUsageRecorder {
    private var counters: UsageCounters
    private let inbox: UsageInbox

    init(_ recording: UsageRecording) {
        self.counters = UsageCounters(maxKeys: recording.maxKeysPerLoop)
        self.inbox = recording.inbox
    }

    /// Counts a request to the API under its client and route (as ``ClientIdentifier`` and ``RouteTemplates`` name
    /// them), with the changes that altered it, the farthest version it was compared with and, when it went
    /// upstream, how that went.
    /// - Parameter now: the gateway's clock (`VERSIONGATE_NOW` in a rehearsal), so that reports find the day.
    mutating func record(_ record: ExchangeRecord, client: String, route: String, now: Instant) {
        let second = now.secondsSinceEpoch
        let key = RequestKey(
            day: UsageDay(containing: second),
            client: client,
            requested: record.requested,
            served: record.served,
            method: record.head.method,
            route: route,
            status: record.status
        )
        self.counters.record(key, at: second, fired: record.fired, evaluations: record.evaluation.map { [$0] } ?? [])
        if let nanoseconds = record.upstreamNanoseconds {
            if let kind = record.upstreamFailure {
                self.counters.recordUpstreamError(kind: kind.metricName)
            } else {
                self.counters.recordUpstream(nanoseconds: nanoseconds)
            }
        }
    }

    /// Counts a pause in accepting connections for want of descriptors.
    mutating func recordAcceptPause() {
        self.counters.recordAcceptPause()
    }

    /// Gives what was counted since the last hand-over to the flusher.
    mutating func handOver() {
        guard !self.counters.isEmpty else { return }
        self.inbox.deposit(self.counters.drain())
    }
}

extension CurlClientError.Kind {
    /// The kind as the `kind` label of `versiongate_upstream_errors_total` names it.
    var metricName: String {
        switch self {
        case .unreachable: "unreachable"
        case .timedOut: "timed-out"
        case .responseTooLarge: "response-too-large"
        case .protocolError: "protocol-error"
        case .shutDown: "shut-down"
        case .overBudget: "over-budget"
        case .outOfDescriptors: "out-of-descriptors"
        }
    }
}
