import Testing

@testable import Store

@Suite struct StoredRowsTests {
    @Test func noRequestedVersionIsStoredAsNone() {
        let rows = StoredRows(UsageBatch(requests: [LedgerFixtures.request(requestedVersion: nil): UsageTally(at: 5)]))
        #expect(rows.requests.map(\.requestedVersion) == ["none"])
        #expect(StoredRows.requestedVersion(stored: "none") == nil)
        #expect(StoredRows.requestedVersion(stored: "v1") == "v1")
    }

    @Test func keysThatMeetInStorageAreMerged() {
        let batch = UsageBatch(requests: [
            LedgerFixtures.request(requestedVersion: nil): UsageTally(count: 2, firstSeen: 10, lastSeen: 20),
            LedgerFixtures.request(requestedVersion: "none"): UsageTally(count: 3, firstSeen: 5, lastSeen: 15),
        ])
        let rows = StoredRows(batch)
        #expect(rows.requests.count == 1)
        #expect(rows.requests.first?.tally == UsageTally(count: 5, firstSeen: 5, lastSeen: 20))
    }

    @Test func rowsAreSortedByKeySoWritersLockInOneOrder() {
        let batch = LedgerFixtures.wideBatch(client: "acme", rows: 50)
        let first = StoredRows(batch)
        #expect(first.requests.map(\.usage.route) == first.requests.map(\.usage.route).sorted())
        #expect(first.changes.map(\.usage.changeID) == first.changes.map(\.usage.changeID).sorted())
        let evaluations = first.evaluations.map { [$0.usage.evaluatedVersion, $0.usage.via] }
        #expect(evaluations.count == batch.evaluations.count)
        #expect(evaluations == evaluations.sorted { $0.lexicographicallyPrecedes($1) })
        var shuffled = UsageBatch()
        for (key, tally) in batch.requests.shuffled() { shuffled.requests[key] = tally }
        #expect(StoredRows(shuffled).requests.map(\.usage) == first.requests.map(\.usage))
    }
}
