import Synchronization

/// Where the loops hand their counts to the flusher: a loop deposits what it counted (about once a second, and
/// when it stops), the flusher takes everything deposited.
///
/// Concurrency: safe from any thread. The lock is held for an array append or swap, never while counts are merged,
/// and a loop takes it once per hand-over, never per request.
public final class UsageInbox: Sendable {
    private let deposits = Mutex<[UsageCounts]>([])

    public init() {}

    public func deposit(_ counts: UsageCounts) {
        guard !counts.isEmpty else { return }
        self.deposits.withLock { $0.append(counts) }
    }

    /// Everything deposited since the last call.
    public func take() -> [UsageCounts] {
        self.deposits.withLock { deposits in
            defer { deposits = [] }
            return deposits
        }
    }
}
