import Store
import Testing
import Usage

/// Unwritten counts stay within their budget: oldest days lose detail first, then go, and are counted.
@Suite struct LedgerBudgetTests {
    private func row(day: Int32, route: String, client: String = "acme") -> RequestUsage {
        RequestUsage(
            day: UsageDay(daysSinceEpoch: day),
            client: client,
            requestedVersion: nil,
            servedVersion: "v1",
            method: "GET",
            route: route,
            statusClass: 2
        )
    }

    private func batch() -> UsageBatch {
        var batch = UsageBatch()
        for day: Int32 in [10, 11] {
            for route in ["/a", "/b", "/c"] {
                batch.requests[self.row(day: day, route: route)] = UsageTally(count: 5, firstSeen: 1, lastSeen: 2)
            }
        }
        return batch
    }

    @Test func withinBudgetNothingChanges() {
        var batch = self.batch()
        #expect(LedgerBudget(maxRows: 6).enforce(on: &batch) == 0)
        #expect(batch == self.batch())
    }

    @Test func theOldestDayMergesItsDetailFirstKeepingItsTotals() {
        var batch = self.batch()
        #expect(LedgerBudget(maxRows: 4).enforce(on: &batch) == 0)
        #expect(batch.requests.count == 4)
        let merged = batch.requests.filter { $0.key.day.daysSinceEpoch == 10 }
        #expect(merged.count == 1)
        #expect(merged.keys.first?.route == LedgerBudget.merged)
        #expect(merged.values.first == UsageTally(count: 15, firstSeen: 1, lastSeen: 2))
    }

    @Test func nextTheOldestDayMergesItsClientsKeepingEachVersionsTotal() {
        var batch = self.batch()
        for client in ["b", "c"] {
            batch.requests[self.row(day: 10, route: "/a", client: client)] = UsageTally(
                count: 1,
                firstSeen: 1,
                lastSeen: 2
            )
        }
        // Detail goes first on every day (8 rows become 4), then the oldest day's clients (4 become 2).
        #expect(LedgerBudget(maxRows: 2).enforce(on: &batch) == 0)
        let merged = batch.requests.filter { $0.key.day.daysSinceEpoch == 10 }
        #expect(merged.count == 1)
        #expect(merged.keys.first?.client == LedgerBudget.merged)
        #expect(merged.values.first?.count == 17)
        #expect(batch.requests.filter { $0.key.day.daysSinceEpoch == 11 }.keys.map(\.client) == ["acme"])
    }

    @Test func whenMergingIsNotEnoughTheOldestDayIsDroppedAndCounted() {
        var batch = self.batch()
        #expect(LedgerBudget(maxRows: 1).enforce(on: &batch) == 15)
        #expect(batch.requests.count == 1)
        #expect(batch.requests.keys.allSatisfy { $0.day.daysSinceEpoch == 11 })
    }

    /// Merging rebuilds the rows once per step: a budget far exceeded is enforced at once, not row by row.
    @Test func aLargeExcessIsMergedInOnePass() {
        var batch = UsageBatch()
        for client in 0..<50_000 {
            batch.requests[self.row(day: 10, route: "/a", client: "c\(client)")] = UsageTally(at: 1)
        }
        #expect(LedgerBudget(maxRows: 10).enforce(on: &batch) == 0)
        #expect(batch.requests.values.map(\.count) == [50_000])
    }
}
