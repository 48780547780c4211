import SQLiteNIO
import Store
import Testing

@Suite struct SQLiteUsageStoreTests {
    @Test func addingTwiceAddsUpAndWidensTheWindow() async throws {
        try await SQLiteFixture.run { fixture in
            try await fixture.withStore(LedgerContract.addingTwiceAddsUpAndWidensTheWindow)
        }
    }

    @Test func evaluationsRoundTripAndAddUpByKey() async throws {
        try await SQLiteFixture.run { fixture in
            try await fixture.withStore(LedgerContract.evaluationsRoundTripAndAddUpByKey)
        }
    }

    @Test func nilRequestedVersionRoundTrips() async throws {
        try await SQLiteFixture.run { fixture in
            try await fixture.withStore(LedgerContract.nilRequestedVersionRoundTrips)
            #expect(
                try await fixture.rawQuery("SELECT DISTINCT requested_version FROM request_usage ORDER BY 1") == [
                    .text("none"), .text("v1"),
                ]
            )
        }
    }

    @Test func usageSinceFiltersByDay() async throws {
        try await SQLiteFixture.run { fixture in
            try await fixture.withStore(LedgerContract.usageSinceFiltersByDay)
            #expect(try await fixture.rawQuery("SELECT min(day) FROM request_usage") == [.text("2024-10-04")])
        }
    }

    @Test func largeBatchRoundTrips() async throws {
        try await SQLiteFixture.run { fixture in
            try await fixture.withStore(LedgerContract.largeBatchRoundTrips)
        }
    }

    @Test func rowsSurviveReopening() async throws {
        try await SQLiteFixture.run { fixture in
            let batch = LedgerFixtures.wideBatch(client: "acme", rows: 20)
            try await fixture.withStore { try await $0.add(batch) }
            #expect(try await fixture.withStore { try await $0.usage(since: LedgerFixtures.day) } == batch)
        }
    }

    @Test func migrationsAreRecordedOnceAndTheFileIsInWALMode() async throws {
        try await SQLiteFixture.run { fixture in
            try await fixture.withStore { _ in }
            try await fixture.withStore { _ in }
            #expect(
                try await fixture.rawQuery("SELECT version FROM schema_migrations ORDER BY 1") == [
                    .integer(1), .integer(2), .integer(3), .integer(4),
                ]
            )
            #expect(
                try await fixture.rawQuery("SELECT count(*) FROM schema_migrations WHERE applied_at > 0") == [
                    .integer(4)
                ]
            )
            #expect(try await fixture.rawQuery("PRAGMA journal_mode") == [.text("wal")])
        }
    }

    @Test func twoStoresOpeningANewFileAtOnceMigrateItOnce() async throws {
        try await SQLiteFixture.run { fixture in
            try await withThrowingTaskGroup { group in
                for _ in 0..<4 {
                    group.addTask { try await fixture.withStore { _ in } }
                }
                try await group.waitForAll()
            }
            #expect(
                try await fixture.rawQuery("SELECT version FROM schema_migrations ORDER BY 1") == [
                    .integer(1), .integer(2), .integer(3), .integer(4),
                ]
            )
        }
    }

    @Test func aSecondStoreReadsWhileTheFirstWrites() async throws {
        try await SQLiteFixture.run { fixture in
            let batch = LedgerFixtures.wideBatch(client: "acme", rows: 50)
            let rounds = 40
            try await fixture.withStore { writer in
                try await fixture.withStore { reader in
                    try await withThrowingTaskGroup { group in
                        group.addTask {
                            for _ in 0..<rounds { try await writer.add(batch) }
                        }
                        group.addTask {
                            var lastSeenCount: Int64 = 0
                            for _ in 0..<rounds {
                                let total = try await reader.usage(since: LedgerFixtures.day).requests.values
                                    .reduce(0) { $0 + $1.count }
                                #expect(total >= lastSeenCount)
                                #expect(total % Int64(batch.requests.count) == 0)
                                lastSeenCount = total
                            }
                        }
                        try await group.waitForAll()
                    }
                    let stored = try await reader.usage(since: LedgerFixtures.day)
                    #expect(stored.requests.values.allSatisfy { $0.count == Int64(rounds) })
                    #expect(stored.requests.count == batch.requests.count)
                }
            }
        }
    }

    @Test func callsOnOneStoreDoNotInterleave() async throws {
        try await SQLiteFixture.run { fixture in
            let batch = LedgerFixtures.wideBatch(client: "acme", rows: 30)
            try await fixture.withStore { store in
                try await withThrowingTaskGroup { group in
                    for _ in 0..<8 {
                        group.addTask { try await store.add(batch) }
                        group.addTask { _ = try await store.usage(since: LedgerFixtures.day) }
                    }
                    try await group.waitForAll()
                }
                let stored = try await store.usage(since: LedgerFixtures.day)
                #expect(stored.requests.values.allSatisfy { $0.count == 8 })
            }
        }
    }

    /// A batch is one transaction: when its last table refuses the write, its other rows are not written either.
    @Test func aBatchIsWrittenWholeOrNotAtAll() async throws {
        try await SQLiteFixture.run { fixture in
            let batch = LedgerFixtures.wideBatch(client: "acme", rows: 30)
            try await fixture.withStore { store in
                _ = try await fixture.rawQuery(
                    "CREATE TRIGGER refuse BEFORE INSERT ON evaluation_usage BEGIN SELECT RAISE(ABORT, 'refused'); END"
                )
                let error = await #expect(throws: StoreError.self) { try await store.add(batch) }
                #expect(error?.description == "cannot write the usage store \(fixture.location): refused")
                #expect(try await store.usage(since: LedgerFixtures.day).isEmpty)
                _ = try await fixture.rawQuery("DROP TRIGGER refuse")
                try await store.add(batch)
                #expect(try await store.usage(since: LedgerFixtures.day) == batch)
            }
        }
    }

    @Test func aClosedStoreRefusesCalls() async throws {
        try await SQLiteFixture.run { fixture in
            let store = try await UsageStores.open(fixture.location, environment: [:])
            await store.close()
            await store.close()
            let writing = await #expect(throws: StoreError.self) {
                try await store.add(LedgerFixtures.wideBatch(client: "a", rows: 1))
            }
            #expect(writing?.description == "cannot write the usage store \(fixture.location): it is closed")
            let reading = await #expect(throws: StoreError.self) { try await store.usage(since: LedgerFixtures.day) }
            #expect(reading?.description == "cannot read the usage store \(fixture.location): it is closed")
        }
    }
}
