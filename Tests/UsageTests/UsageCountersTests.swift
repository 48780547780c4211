import Store
import Testing
import Usage
import Versioning

/// A loop's counts: exact, keyed as the store keys them, and bounded.
@Suite struct UsageCountersTests {
    private let v1 = VersionName("v1")!
    private let v2 = VersionName("v2")!
    private let day = UsageDay(containing: 1_764_374_400)  // 2025-11-29

    private func key(client: String = "acme", method: String = "GET", status: Int = 200) -> RequestKey {
        RequestKey(
            day: self.day,
            client: client,
            requested: .named(self.v1),
            served: self.v1,
            method: method,
            route: "/purchase-orders",
            status: status
        )
    }

    @Test func countsAddUpAndTheSeenWindowWidens() {
        var counters = UsageCounters()
        var fired = FiredChanges()
        fired.insert(ChangeReference(version: self.v2, id: "vendors-are-suppliers"))
        counters.record(self.key(), at: 100, fired: fired)
        counters.record(self.key(), at: 90, fired: FiredChanges())
        counters.record(self.key(status: 404), at: 120, fired: fired)
        let batch = counters.drain().batch
        #expect(counters.isEmpty)
        let ok = RequestUsage(
            day: self.day,
            client: "acme",
            requestedVersion: "v1",
            servedVersion: "v1",
            method: "GET",
            route: "/purchase-orders",
            statusClass: 2
        )
        #expect(batch.requests[ok] == UsageTally(count: 2, firstSeen: 90, lastSeen: 100))
        var notFound = ok
        notFound.statusClass = 4
        #expect(batch.requests[notFound] == UsageTally(count: 1, firstSeen: 120, lastSeen: 120))
        let change = ChangeUsage(
            day: self.day,
            client: "acme",
            servedVersion: "v1",
            changeVersion: "v2",
            changeID: "vendors-are-suppliers"
        )
        #expect(batch.changes == [change: UsageTally(count: 2, firstSeen: 100, lastSeen: 120)])
    }

    @Test func madeUpMethodsShareOneKey() {
        var counters = UsageCounters()
        counters.record(self.key(method: "FROB"), at: 1, fired: FiredChanges())
        counters.record(self.key(method: "BLAH"), at: 2, fired: FiredChanges())
        let rows = counters.drain().batch.requests
        #expect(rows.count == 1)
        #expect(rows.keys.first?.method == "OTHER")
        #expect(rows.values.first?.count == 2)
    }

    @Test func beyondTheBoundNewKeysAreDroppedAndCountedButKnownKeysStillCount() {
        var counters = UsageCounters(maxKeys: 2)
        counters.record(self.key(client: "a"), at: 1, fired: FiredChanges())
        counters.record(self.key(client: "b"), at: 1, fired: FiredChanges())
        counters.record(self.key(client: "c"), at: 1, fired: FiredChanges())
        counters.record(self.key(client: "a"), at: 2, fired: FiredChanges())
        let counts = counters.drain()
        #expect(counts.dropped == 1)
        #expect(counts.requests.count == 2)
        #expect(counts.requests.values.map(\.count).reduce(0, +) == 3)
    }

    @Test func eachDistinctEvaluationCountsTheRequestOnceOnItsKey() {
        var counters = UsageCounters()
        let translated = Evaluation(version: self.v2, via: .translation)
        let previewed = Evaluation(version: self.v2, via: .preview)
        counters.record(self.key(), at: 100, fired: FiredChanges(), evaluations: [translated])
        counters.record(self.key(status: 404), at: 110, fired: FiredChanges(), evaluations: [translated, previewed])
        counters.record(
            self.key(client: "globex"),
            at: 120,
            fired: FiredChanges(),
            evaluations: [previewed, previewed]
        )
        counters.record(self.key(), at: 130, fired: FiredChanges())
        let counts = counters.drain()
        #expect(counts.evaluations.count == 3)
        let batch = counts.batch
        func row(_ client: String, _ via: String) -> EvaluationUsage {
            EvaluationUsage(day: self.day, client: client, servedVersion: "v1", evaluatedVersion: "v2", via: via)
        }
        #expect(
            batch.evaluations == [
                row("acme", "translation"): UsageTally(count: 2, firstSeen: 100, lastSeen: 110),
                row("acme", "preview"): UsageTally(count: 1, firstSeen: 110, lastSeen: 110),
                row("globex", "preview"): UsageTally(count: 1, firstSeen: 120, lastSeen: 120),
            ]
        )
        #expect(batch.requests.values.map(\.count).reduce(0, +) == 4)
    }

    @Test func evaluationsShareTheBoundAndGoWithADroppedRequest() {
        var counters = UsageCounters(maxKeys: 2)
        let evaluations = [
            Evaluation(version: self.v2, via: .translation), Evaluation(version: self.v2, via: .preview),
        ]
        counters.record(self.key(client: "a"), at: 1, fired: FiredChanges(), evaluations: evaluations)
        counters.record(self.key(client: "a"), at: 2, fired: FiredChanges(), evaluations: evaluations)
        counters.record(self.key(client: "b"), at: 3, fired: FiredChanges(), evaluations: evaluations)
        let counts = counters.drain()
        // a's request and first evaluation fill the bound; its second evaluation is dropped each time, and b's
        // request is dropped whole, counted once.
        #expect(counts.requests.values.map(\.count) == [2])
        #expect(counts.evaluations.count == 1)
        #expect(counts.evaluations.first?.key.via == .translation)
        #expect(counts.evaluations.first?.value.count == 2)
        #expect(counts.dropped == 3)
    }

    @Test func countsHoldingOnlyEvaluationsAreNotEmpty() {
        var counts = UsageCounts()
        let key = EvaluationKey(day: self.day, client: "acme", served: self.v1, evaluated: self.v2, via: .preview)
        counts.evaluations[key] = UsageTally(at: 1)
        #expect(!counts.isEmpty)
        #expect(counts.batch.evaluations.values.map(\.count) == [1])
    }
}
