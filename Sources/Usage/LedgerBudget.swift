import Store

/// Keeps counts that could not be written yet within a number of rows: the oldest days lose their detail first
/// (method, route and status class merge into `*`, `*` and 0, keeping each client's and version's totals), and
/// only when that is not enough are the oldest days' rows dropped, and counted.
public struct LedgerBudget: Sendable {
    /// The most rows held in memory.
    public let maxRows: Int

    /// What a compacted row's method and route read.
    public static let mergedDetail = "*"

    public init(maxRows: Int) {
        self.maxRows = maxRows
    }

    /// Shrinks `batch` to at most ``maxRows`` rows.
    /// - Returns: how many requests were dropped (0 when merging detail was enough).
    public func enforce(on batch: inout UsageBatch) -> Int64 {
        var dropped: Int64 = 0
        var days = Set(batch.requests.keys.map(\.day)).union(batch.changes.keys.map(\.day)).sorted()[...]
        var compacted: Set<UsageDay> = []
        while self.rows(in: batch) > self.maxRows, let oldest = days.first {
            if !compacted.contains(oldest) {
                compacted.insert(oldest)
                Self.mergeDetail(of: oldest, in: &batch)
                continue
            }
            days.removeFirst()
            for (key, tally) in batch.requests where key.day == oldest {
                dropped += tally.count
                batch.requests[key] = nil
            }
            for key in batch.changes.keys where key.day == oldest { batch.changes[key] = nil }
        }
        return dropped
    }

    private func rows(in batch: UsageBatch) -> Int { batch.requests.count + batch.changes.count }

    private static func mergeDetail(of day: UsageDay, in batch: inout UsageBatch) {
        for (key, tally) in batch.requests where key.day == day {
            batch.requests[key] = nil
            var merged = key
            merged.method = Self.mergedDetail
            merged.route = Self.mergedDetail
            merged.statusClass = 0
            batch.requests.add(tally, at: merged)
        }
    }
}
