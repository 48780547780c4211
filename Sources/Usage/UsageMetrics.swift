import CoreMetrics
import Store
import Versioning

/// Publishes what the loops counted as metrics (swift-metrics, for a Prometheus registry), off the event loops:
/// the flusher calls it with each hand-over, so the loops never touch a metrics lock.
///
/// Names follow Prometheus conventions (`_total` counters, base units); labels never hold a client or a raw path.
/// - `versiongate_requests_total{requested_version, served_version, method, status_class}`: requests to the API
///   (`requested_version` is `none` when the request named none, `unknown` when it named one the gateway does not
///   know; `status_class` is `2xx` …).
/// - `versiongate_changes_applied_total{version, change}`: requests a declared change altered.
/// - `versiongate_upstream_request_duration_seconds`: histogram of upstream exchanges.
/// - `versiongate_upstream_errors_total{kind}`: failed upstream exchanges.
/// - `versiongate_accept_pauses_total`: pauses (100 ms each) in accepting connections for want of descriptors.
/// - `versiongate_ledger_flush_failures_total`, `versiongate_ledger_dropped_requests_total`.
public struct UsageMetrics: Sendable {
    private let factory: any MetricsFactory

    public init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// Adds one hand-over's counts.
    public func publish(_ counts: UsageCounts) {
        var requests: [[String]: Int64] = [:]
        for (key, tally) in counts.requests {
            let labels = [
                key.requested.description, key.served.description, key.method, "\(key.statusClass)xx",
            ]
            requests[labels, default: 0] += tally.count
        }
        for (labels, count) in requests {
            let dimensions = zip(["requested_version", "served_version", "method", "status_class"], labels).map {
                ($0, $1)
            }
            Counter(label: "versiongate_requests_total", dimensions: dimensions, factory: self.factory)
                .increment(by: count)
        }
        var changes: [ChangeReference: Int64] = [:]
        for (key, tally) in counts.changes { changes[key.change, default: 0] += tally.count }
        for (change, count) in changes {
            Counter(
                label: "versiongate_changes_applied_total",
                dimensions: [("version", change.version.description), ("change", change.id)],
                factory: self.factory
            ).increment(by: count)
        }
        if !counts.upstreamDurations.isEmpty {
            let timer = Timer(label: "versiongate_upstream_request_duration_seconds", factory: self.factory)
            for nanoseconds in counts.upstreamDurations { timer.recordNanoseconds(Int64(clamping: nanoseconds)) }
        }
        for (kind, count) in counts.upstreamErrors {
            Counter(label: "versiongate_upstream_errors_total", dimensions: [("kind", kind)], factory: self.factory)
                .increment(by: count)
        }
        if counts.acceptPauses > 0 {
            Counter(label: "versiongate_accept_pauses_total", factory: self.factory).increment(by: counts.acceptPauses)
        }
        if counts.dropped > 0 { self.dropped(counts.dropped) }
    }

    /// Counts a write to the store that failed.
    public func flushFailed() {
        Counter(label: "versiongate_ledger_flush_failures_total", factory: self.factory).increment()
    }

    /// Counts requests the ledger could not keep.
    public func dropped(_ requests: Int64) {
        Counter(label: "versiongate_ledger_dropped_requests_total", factory: self.factory).increment(by: requests)
    }
}
