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

    private func evaluation(day: Int32, client: String = "acme") -> EvaluationUsage {
        EvaluationUsage(
            day: UsageDay(daysSinceEpoch: day),
            client: client,
            servedVersion: "v1",
            evaluatedVersion: "v2",
            via: "translation"
        )
    }

    /// Six request rows on days 10 and 11, and three evaluation rows: two clients' on day 10, one on day 11.
    private func batchWithEvaluations() -> UsageBatch {
        var batch = self.batch()
        batch.evaluations[self.evaluation(day: 10)] = UsageTally(count: 4, firstSeen: 1, lastSeen: 2)
        batch.evaluations[self.evaluation(day: 10, client: "globex")] = UsageTally(count: 3, firstSeen: 1, lastSeen: 3)
        batch.evaluations[self.evaluation(day: 11)] = UsageTally(count: 2, firstSeen: 1, lastSeen: 2)
        return batch
    }

    @Test func evaluationRowsCountTowardTheBudgetAndHaveNoDetailToLose() {
        var batch = self.batchWithEvaluations()
        #expect(LedgerBudget(maxRows: 9).enforce(on: &batch) == 0)
        #expect(batch == self.batchWithEvaluations())
        #expect(LedgerBudget(maxRows: 7).enforce(on: &batch) == 0)
        #expect(batch.requests.filter { $0.key.day.daysSinceEpoch == 10 }.count == 1)
        #expect(batch.requests.filter { $0.key.day.daysSinceEpoch == 11 }.count == 3)
        #expect(batch.evaluations == self.batchWithEvaluations().evaluations)
    }

    @Test func mergingADaysClientsMergesItsEvaluationsKeepingEachVersionsTotal() {
        var batch = self.batchWithEvaluations()
        // Detail goes on both days (9 rows become 5), then day 10's clients (its two evaluation rows become one).
        #expect(LedgerBudget(maxRows: 4).enforce(on: &batch) == 0)
        var merged = self.evaluation(day: 10)
        merged.client = LedgerBudget.merged
        #expect(
            batch.evaluations == [
                merged: UsageTally(count: 7, firstSeen: 1, lastSeen: 3),
                self.evaluation(day: 11): UsageTally(count: 2, firstSeen: 1, lastSeen: 2),
            ]
        )
        #expect(batch.requests.count == 2)
    }

    @Test func droppingADayDropsItsEvaluationsButCountsOnlyItsRequests() {
        var batch = self.batchWithEvaluations()
        // Both days merge their detail and clients (9 rows become 4) before day 10 goes whole.
        #expect(LedgerBudget(maxRows: 2).enforce(on: &batch) == 15)
        #expect(batch.requests.keys.allSatisfy { $0.day.daysSinceEpoch == 11 })
        var merged = self.evaluation(day: 11)
        merged.client = LedgerBudget.merged
        #expect(batch.evaluations == [merged: UsageTally(count: 2, firstSeen: 1, lastSeen: 2)])
    }
}
