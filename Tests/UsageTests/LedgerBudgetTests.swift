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
        #expect(merged.keys.first?.route == LedgerBudget.mergedDetail)
        #expect(merged.values.first == UsageTally(count: 15, firstSeen: 1, lastSeen: 2))
    }

    @Test func whenMergingIsNotEnoughTheOldestDayIsDroppedAndCounted() {
        var batch = self.batch()
        #expect(LedgerBudget(maxRows: 3).enforce(on: &batch) == 15)
        #expect(batch.requests.count == 3)
        #expect(batch.requests.keys.allSatisfy { $0.day.daysSinceEpoch == 11 })
    }
}
