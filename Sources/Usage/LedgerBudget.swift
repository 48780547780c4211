import Store

/// Keeps counts that could not be written yet within a number of rows, oldest days first: a day first loses its
/// detail (method, route and status class merge into `*`, `*` and 0), then its clients (merged into `*`, keeping each
/// version's totals), and only when that is not enough are the oldest days' rows dropped, and counted.
///
/// Every kind of row counts toward the bound. Change and evaluation rows have no detail to lose: they keep theirs
/// while the day's request rows merge theirs, merge their clients when the request rows do (keeping each served
/// version's totals per change, and per evaluated version and mode), and are dropped with them. A day merged into
/// `*` still says how often a version was evaluated against another, but no longer for whom. Only requests are counted
/// as dropped: the change and evaluation rows dropped with them describe the same requests.
public struct LedgerBudget: Sendable {
    /// The most rows held in memory.
    public let maxRows: Int

    /// What a merged row's method, route or client reads.
    public static let merged = "*"

    public init(maxRows: Int) {
        self.maxRows = maxRows
    }

    /// Shrinks `batch` to at most ``maxRows`` rows; each step rebuilds the rows once (linear in their number).
    /// - Returns: how many requests were dropped (0 when merging was enough).
    public func enforce(on batch: inout UsageBatch) -> Int64 {
        guard self.rows(in: batch) > self.maxRows else { return 0 }
        let days = Set(batch.requests.keys.map(\.day)).union(batch.changes.keys.map(\.day))
            .union(batch.evaluations.keys.map(\.day)).sorted()
        for day in days where self.rows(in: batch) > self.maxRows { Self.mergeDetail(of: day, in: &batch) }
        for day in days where self.rows(in: batch) > self.maxRows { Self.mergeClients(of: day, in: &batch) }
        var dropped: Int64 = 0
        for day in days where self.rows(in: batch) > self.maxRows {
            dropped += batch.requests.filter { $0.key.day == day }.values.reduce(0) { $0 + $1.count }
            batch.requests = batch.requests.filter { $0.key.day != day }
            batch.changes = batch.changes.filter { $0.key.day != day }
            batch.evaluations = batch.evaluations.filter { $0.key.day != day }
        }
        return dropped
    }

    private func rows(in batch: UsageBatch) -> Int {
        batch.requests.count + batch.changes.count + batch.evaluations.count
    }

    private static func mergeDetail(of day: UsageDay, in batch: inout UsageBatch) {
        batch.requests = Self.rekeyed(batch.requests) { key in
            guard key.day == day else { return key }
            var merged = key
            merged.method = Self.merged
            merged.route = Self.merged
            merged.statusClass = 0
            return merged
        }
    }

    private static func mergeClients(of day: UsageDay, in batch: inout UsageBatch) {
        batch.requests = Self.rekeyed(batch.requests) { key in
            guard key.day == day else { return key }
            var merged = key
            merged.client = Self.merged
            return merged
        }
        batch.changes = Self.rekeyed(batch.changes) { key in
            guard key.day == day else { return key }
            var merged = key
            merged.client = Self.merged
            return merged
        }
        batch.evaluations = Self.rekeyed(batch.evaluations) { key in
            guard key.day == day else { return key }
            var merged = key
            merged.client = Self.merged
            return merged
        }
    }

    private static func rekeyed<Key: Hashable>(
        _ rows: [Key: UsageTally],
        _ transform: (Key) -> Key
    ) -> [Key: UsageTally] {
        var result: [Key: UsageTally] = [:]
        result.reserveCapacity(rows.count)
        for (key, tally) in rows { result.add(tally, at: transform(key)) }
        return result
    }
}
