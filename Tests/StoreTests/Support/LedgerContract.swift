import Store
import Testing

/// What every ``UsageStore`` must do, checked the same way against SQLite and PostgreSQL.
enum LedgerContract {
    /// Two adds of one key add up; the seen window widens to cover both.
    static func addingTwiceAddsUpAndWidensTheWindow(_ store: any UsageStore) async throws {
        let request = LedgerFixtures.request()
        let change = LedgerFixtures.change()
        let evaluation = LedgerFixtures.evaluation()
        try await store.add(
            UsageBatch(
                requests: [request: UsageTally(count: 2, firstSeen: 1_000, lastSeen: 2_000)],
                changes: [change: UsageTally(count: 1, firstSeen: 1_500, lastSeen: 1_500)],
                evaluations: [evaluation: UsageTally(count: 2, firstSeen: 1_000, lastSeen: 2_000)]
            )
        )
        try await store.add(
            UsageBatch(
                requests: [request: UsageTally(count: 3, firstSeen: 500, lastSeen: 1_800)],
                changes: [change: UsageTally(count: 4, firstSeen: 1_600, lastSeen: 3_000)],
                evaluations: [evaluation: UsageTally(count: 1, firstSeen: 400, lastSeen: 1_900)]
            )
        )
        let stored = try await store.usage(since: LedgerFixtures.day)
        #expect(stored.requests == [request: UsageTally(count: 5, firstSeen: 500, lastSeen: 2_000)])
        #expect(stored.changes == [change: UsageTally(count: 5, firstSeen: 1_500, lastSeen: 3_000)])
        #expect(stored.evaluations == [evaluation: UsageTally(count: 3, firstSeen: 400, lastSeen: 2_000)])
    }

    /// Evaluation rows keep apart what differs only in the evaluated version or the mode, and each adds up across
    /// adds on its own.
    static func evaluationsRoundTripAndAddUpByKey(_ store: any UsageStore) async throws {
        let translated = LedgerFixtures.evaluation(evaluatedVersion: "v2", via: "translation")
        let previewed = LedgerFixtures.evaluation(evaluatedVersion: "v2", via: "preview")
        let further = LedgerFixtures.evaluation(evaluatedVersion: "v3", via: "translation")
        let other = LedgerFixtures.evaluation(client: "globex", evaluatedVersion: "v2", via: "preview")
        let first = UsageBatch(evaluations: [
            translated: UsageTally(at: 1_000), previewed: UsageTally(at: 1_001), further: UsageTally(at: 1_002),
        ])
        let second = UsageBatch(evaluations: [previewed: UsageTally(at: 1_100), other: UsageTally(at: 1_200)])
        try await store.add(first)
        try await store.add(second)
        var expected = first
        expected.merge(second)
        let stored = try await store.usage(since: LedgerFixtures.day)
        #expect(stored == expected)
        #expect(stored.evaluations[previewed] == UsageTally(count: 2, firstSeen: 1_001, lastSeen: 1_100))
        #expect(stored.requests.isEmpty && stored.changes.isEmpty)
    }

    /// A request that named no version comes back naming none, apart from one that named v1.
    static func nilRequestedVersionRoundTrips(_ store: any UsageStore) async throws {
        let unnamed = LedgerFixtures.request(requestedVersion: nil)
        let named = LedgerFixtures.request(requestedVersion: "v1")
        let batch = UsageBatch(requests: [unnamed: UsageTally(at: 1_000), named: UsageTally(at: 1_001)])
        try await store.add(batch)
        try await store.add(batch)
        let stored = try await store.usage(since: LedgerFixtures.day)
        #expect(stored.requests[unnamed] == UsageTally(count: 2, firstSeen: 1_000, lastSeen: 1_000))
        #expect(stored.requests[named] == UsageTally(count: 2, firstSeen: 1_001, lastSeen: 1_001))
        #expect(stored.requests.count == 2)
    }

    /// `usage(since:)` returns the rows of that day and later, of every table.
    static func usageSinceFiltersByDay(_ store: any UsageStore) async throws {
        var batch = UsageBatch()
        for offset: Int32 in [-400, -1, 0, 1, 30] {
            let day = LedgerFixtures.day.adding(days: offset)
            batch.requests[LedgerFixtures.request(day: day)] = UsageTally(at: 1_000)
            batch.changes[LedgerFixtures.change(day: day)] = UsageTally(at: 1_000)
            batch.evaluations[LedgerFixtures.evaluation(day: day)] = UsageTally(at: 1_000)
        }
        try await store.add(batch)
        let stored = try await store.usage(since: LedgerFixtures.day)
        let expectedDays = Set([0, 1, 30].map { LedgerFixtures.day.adding(days: $0) })
        #expect(Set(stored.requests.keys.map(\.day)) == expectedDays)
        #expect(Set(stored.changes.keys.map(\.day)) == expectedDays)
        #expect(Set(stored.evaluations.keys.map(\.day)) == expectedDays)
        #expect(try await store.usage(since: LedgerFixtures.day.adding(days: -1000)) == batch)
        #expect(try await store.usage(since: LedgerFixtures.day.adding(days: 31)).isEmpty)
    }

    /// A flush of thousands of rows goes in one add and comes back whole.
    static func largeBatchRoundTrips(_ store: any UsageStore) async throws {
        var batch = LedgerFixtures.wideBatch(client: "bulk", rows: 3_000)
        for index in 0..<1_200 {
            batch.evaluations[LedgerFixtures.evaluation(client: "bulk-\(index)")] = UsageTally(at: 1_000)
        }
        try await store.add(batch)
        try await store.add(UsageBatch())
        #expect(try await store.usage(since: LedgerFixtures.day) == batch)
    }
}
