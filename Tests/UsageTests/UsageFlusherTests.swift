import Foundation
import Logging
import Store
import TestSupport
import Testing
import Usage
import Versioning

/// The flusher writes each count exactly once: one write in flight at a time, counts arriving meanwhile kept for the
/// next, a failed or interrupted write never lost or repeated. Against a real SQLite ledger whose writes a test can
/// hold back.
@Suite struct UsageFlusherTests {
    /// A real SQLite store whose `add` waits until the test opens the gate.
    actor HeldStore: UsageStore {
        let store: any UsageStore
        private var isOpen = false
        private(set) var adds = 0

        init(_ store: any UsageStore) { self.store = store }

        func open() { self.isOpen = true }

        func add(_ batch: UsageBatch) async throws(StoreError) {
            self.adds += 1
            for _ in 0..<500 where !self.isOpen { try? await Task.sleep(for: .milliseconds(10)) }
            try await self.store.add(batch)
        }

        func usage(since: UsageDay) async throws(StoreError) -> UsageBatch { try await self.store.usage(since: since) }
        func close() async { await self.store.close() }
    }

    private static func counts(_ client: String, _ requests: Int) -> UsageCounts {
        var counters = UsageCounters()
        let key = RequestKey(
            day: UsageDay(daysSinceEpoch: 20_000),
            client: client,
            requested: .none,
            served: VersionName("v1")!,
            method: "GET",
            route: "/",
            status: 200
        )
        for second in 0..<requests { counters.record(key, at: Int64(second), fired: FiredChanges()) }
        return counters.drain()
    }

    private static func total(_ store: any UsageStore) async throws -> [String: Int64] {
        let rows = try await store.usage(since: UsageDay(daysSinceEpoch: 0)).requests
        return Dictionary(rows.map { ($0.key.client, $0.value.count) }, uniquingKeysWith: +)
    }

    @Test func countsArrivingWhileAWriteIsInFlightAreWrittenOnceByTheNext() async throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = HeldStore(
            try await SQLiteUsageStore.open(path: directory.path + "/ledger.db", logger: Logger(label: "test"))
        )
        let inbox = UsageInbox()
        let flusher = UsageFlusher(store: store, inbox: inbox, interval: .seconds(3600), logger: Logger(label: "test"))
        inbox.deposit(Self.counts("first", 100))
        await flusher.flush()
        try await Task.sleep(for: .milliseconds(50))
        inbox.deposit(Self.counts("second", 50))
        await flusher.flush()  // SIGHUP while the first write is held: no second write of the same counts
        #expect(await store.adds == 1)
        await store.open()
        #expect(await flusher.finish())
        #expect(try await Self.total(store) == ["first": 100, "second": 50])
        await store.close()
    }

    @Test func stoppingTheFlusherMidWriteLosesNothing() async throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = HeldStore(
            try await SQLiteUsageStore.open(path: directory.path + "/ledger.db", logger: Logger(label: "test"))
        )
        let inbox = UsageInbox()
        let flusher = UsageFlusher(
            store: store,
            inbox: inbox,
            interval: .milliseconds(100),
            logger: Logger(label: "test")
        )
        let running = Task { await flusher.run() }
        inbox.deposit(Self.counts("held", 70))
        for _ in 0..<100 where await store.adds == 0 { try await Task.sleep(for: .milliseconds(20)) }
        running.cancel()  // as the gateway stops: the write in flight must not be cancelled with it
        await running.value
        inbox.deposit(Self.counts("last", 5))
        await store.open()
        #expect(await flusher.finish())
        #expect(try await Self.total(store) == ["held": 70, "last": 5])
        await store.close()
    }

    /// Evaluations travel with the requests they count: through the inbox, the pending counts and the store, where
    /// each flush adds to the rows the last one wrote.
    @Test func evaluationsAddUpAcrossFlushes() async throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await SQLiteUsageStore.open(path: directory.path + "/ledger.db", logger: Logger(label: "test"))
        let inbox = UsageInbox()
        let flusher = UsageFlusher(store: store, inbox: inbox, interval: .seconds(3600), logger: Logger(label: "test"))
        let v1 = VersionName("v1")!
        let v2 = VersionName("v2")!
        let key = RequestKey(
            day: UsageDay(daysSinceEpoch: 20_000),
            client: "acme",
            requested: .named(v1),
            served: v1,
            method: "GET",
            route: "/",
            status: 200
        )
        for (first, count) in [(0, 3), (100, 4)] {
            var counters = UsageCounters()
            for second in first..<first + count {
                counters.record(
                    key,
                    at: Int64(second),
                    fired: FiredChanges(),
                    evaluations: [Evaluation(version: v2, via: second.isMultiple(of: 2) ? .preview : .translation)]
                )
            }
            inbox.deposit(counters.drain())
            #expect(await flusher.finish())
        }
        let stored = try await store.usage(since: UsageDay(daysSinceEpoch: 0))
        await store.close()
        let counted = Dictionary(stored.evaluations.map { ($0.key.via, $0.value) }, uniquingKeysWith: UsageTally.merged)
        // Seconds 0 2 100 102 were previewed, 1 101 103 translated.
        #expect(counted["preview"] == UsageTally(count: 4, firstSeen: 0, lastSeen: 102))
        #expect(counted["translation"] == UsageTally(count: 3, firstSeen: 1, lastSeen: 103))
        #expect(stored.requests.values.map(\.count) == [7])
    }
}
