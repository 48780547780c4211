/// A batch's rows in the form both stores write them.
///
/// A nil requested version is stored as the text ``noVersion``: NULL never equals NULL, so it would defeat the
/// tables' unique keys and every flush would add a new row. Rows whose stored keys coincide are merged (PostgreSQL
/// refuses to update one row twice in a statement), and rows are sorted by key, so that writers adding the same keys
/// at once lock them in the same order and cannot deadlock.
struct StoredRows {
    /// The stored requested version of a request that named none.
    static let noVersion = "none"

    struct Request {
        /// The key, its requested version never nil (``StoredRows/noVersion`` for none).
        var usage: RequestUsage
        var tally: UsageTally

        /// The requested version to store.
        var requestedVersion: String { self.usage.requestedVersion ?? StoredRows.noVersion }
    }

    struct Change {
        var usage: ChangeUsage
        var tally: UsageTally
    }

    struct Evaluation {
        var usage: EvaluationUsage
        var tally: UsageTally
    }

    var requests: [Request]
    var changes: [Change]
    var evaluations: [Evaluation]

    init(_ batch: UsageBatch) {
        var requests: [RequestUsage: UsageTally] = [:]
        for (usage, tally) in batch.requests {
            var stored = usage
            stored.requestedVersion = usage.requestedVersion ?? Self.noVersion
            requests[stored] = requests[stored].map { UsageTally.merged($0, tally) } ?? tally
        }
        self.requests = requests.map { Request(usage: $0, tally: $1) }
            .sorted { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
        self.changes = batch.changes.map { Change(usage: $0, tally: $1) }
            .sorted { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
        self.evaluations = batch.evaluations.map { Evaluation(usage: $0, tally: $1) }
            .sorted { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
    }

    /// The requested version as read back from a store.
    static func requestedVersion(stored: String) -> String? {
        stored == Self.noVersion ? nil : stored
    }
}

extension StoredRows.Request {
    fileprivate var sortKey: [String] {
        [
            String(self.usage.day.daysSinceEpoch), self.usage.client, self.requestedVersion, self.usage.servedVersion,
            self.usage.method, self.usage.route, String(self.usage.statusClass),
        ]
    }
}

extension StoredRows.Change {
    fileprivate var sortKey: [String] {
        [
            String(self.usage.day.daysSinceEpoch), self.usage.client, self.usage.servedVersion,
            self.usage.changeVersion, self.usage.changeID,
        ]
    }
}

extension StoredRows.Evaluation {
    fileprivate var sortKey: [String] {
        [
            String(self.usage.day.daysSinceEpoch), self.usage.client, self.usage.servedVersion,
            self.usage.evaluatedVersion, self.usage.via,
        ]
    }
}
