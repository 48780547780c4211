import Foundation
import PostgresNIO
import Store
import TestSupport
import Testing

@Suite(.enabled(if: TestPostgres.isConfigured, "set VERSIONGATE_TEST_POSTGRES_URL to run them"))
struct PostgresUsageStoreTests {
    @Test func addingTwiceAddsUpAndWidensTheWindow() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            try await TestPostgres.withStore(endpoint, LedgerContract.addingTwiceAddsUpAndWidensTheWindow)
        }
    }

    @Test func evaluationsRoundTripAndAddUpByKey() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            try await TestPostgres.withStore(endpoint, LedgerContract.evaluationsRoundTripAndAddUpByKey)
        }
    }

    @Test func nilRequestedVersionRoundTrips() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            try await TestPostgres.withStore(endpoint, LedgerContract.nilRequestedVersionRoundTrips)
            let stored = try await TestPostgres.query(
                "SELECT DISTINCT requested_version FROM request_usage ORDER BY 1",
                on: endpoint
            )
            #expect(try stored.map { try $0.decode(String.self) } == ["none", "v1"])
        }
    }

    @Test func usageSinceFiltersByDay() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            try await TestPostgres.withStore(endpoint, LedgerContract.usageSinceFiltersByDay)
            let first = try await TestPostgres.query("SELECT min(day)::text FROM request_usage", on: endpoint)
            #expect(try first.map { try $0.decode(String.self) } == ["2024-10-04"])
        }
    }

    @Test func largeBatchRoundTrips() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            try await TestPostgres.withStore(endpoint, LedgerContract.largeBatchRoundTrips)
        }
    }

    @Test func migrationsAreRecordedOnce() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            try await TestPostgres.withStore(endpoint) { _ in }
            try await TestPostgres.withStore(endpoint) { _ in }
            #expect(
                try await TestPostgres.integers("SELECT version FROM schema_migrations ORDER BY 1", on: endpoint) == [
                    1, 2, 3, 4,
                ]
            )
        }
    }

    @Test func gatewaysStartingAtOnceMigrateOnce() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            try await withThrowingTaskGroup { group in
                for _ in 0..<4 {
                    group.addTask { try await TestPostgres.withStore(endpoint) { _ in } }
                }
                try await group.waitForAll()
            }
            #expect(
                try await TestPostgres.integers("SELECT version FROM schema_migrations ORDER BY 1", on: endpoint) == [
                    1, 2, 3, 4,
                ]
            )
        }
    }

    @Test func schemaNewerThanThisProgramIsRefused() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            try await TestPostgres.withStore(endpoint) { _ in }
            _ = try await TestPostgres.query("INSERT INTO schema_migrations (version) VALUES (7)", on: endpoint)
            let error = await #expect(throws: StoreError.self) {
                try await UsageStores.open(.postgres(endpoint), environment: ProcessInfo.processInfo.environment)
            }
            #expect(
                error?.description
                    == "cannot open the usage store \(endpoint): its schema is at migration 7, newer than the 4 this "
                    + "versiongate knows; upgrade versiongate"
            )
        }
    }

    /// A batch is one transaction: when its last table refuses the write, its other rows are not written either.
    @Test func aBatchIsWrittenWholeOrNotAtAll() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            let batch = LedgerFixtures.wideBatch(client: "acme", rows: 30)
            try await TestPostgres.withStore(endpoint) { store in
                _ = try await TestPostgres.query(
                    "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$ BEGIN RAISE EXCEPTION 'refused'; END $$",
                    on: endpoint
                )
                _ = try await TestPostgres.query(
                    "CREATE TRIGGER refuse BEFORE INSERT ON evaluation_usage FOR EACH ROW EXECUTE FUNCTION refuse()",
                    on: endpoint
                )
                let error = await #expect(throws: StoreError.self) { try await store.add(batch) }
                #expect(
                    error?.description == "cannot write the usage store \(endpoint): refused (SQLSTATE P0001)"
                )
                #expect(try await store.usage(since: LedgerFixtures.day).isEmpty)
                _ = try await TestPostgres.query("DROP TRIGGER refuse ON evaluation_usage", on: endpoint)
                try await store.add(batch)
                #expect(try await store.usage(since: LedgerFixtures.day) == batch)
            }
        }
    }

    @Test func twoStoresAddingAtOnceAddUpExactly() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            let batch = LedgerFixtures.wideBatch(client: "shared", rows: 200, weight: 3)
            let rounds = 15
            try await TestPostgres.withStore(endpoint) { first in
                try await TestPostgres.withStore(endpoint) { second in
                    try await withThrowingTaskGroup { group in
                        for store in [first, second] {
                            group.addTask {
                                for _ in 0..<rounds { try await store.add(batch) }
                            }
                        }
                        try await group.waitForAll()
                    }
                }
            }
            let stored = try await TestPostgres.withStore(endpoint) { try await $0.usage(since: LedgerFixtures.day) }
            let expectedCount = Int64(2 * rounds) * 3
            #expect(stored.requests.count == batch.requests.count)
            #expect(
                stored.requests.values.allSatisfy {
                    $0 == UsageTally(count: expectedCount, firstSeen: 1_000, lastSeen: 2_000)
                }
            )
            #expect(stored.changes.values.allSatisfy { $0.count == expectedCount })
            #expect(stored.evaluations.count == batch.evaluations.count)
            #expect(stored.evaluations.values.allSatisfy { $0.count == expectedCount })
        }
    }

    @Test func storeWorksAgainAfterItsConnectionIsLost() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            let batch = LedgerFixtures.wideBatch(client: "acme", rows: 5)
            try await TestPostgres.withStore(endpoint) { store in
                try await store.add(batch)
                _ = try await TestPostgres.query(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE datname = '\(endpoint.database)' AND pid <> pg_backend_pid()",
                    on: endpoint
                )
                var written: Int64 = 1
                do {
                    try await store.add(batch)
                    written += 1
                } catch let error as StoreError {
                    // The call that finds the connection gone fails in one line; the next one connects again.
                    #expect(error.description.hasPrefix("cannot write the usage store \(endpoint): "))
                    #expect(!error.description.contains("\n"))
                }
                try await store.add(batch)
                written += 1
                let stored = try await store.usage(since: LedgerFixtures.day)
                #expect(stored.requests.values.allSatisfy { $0.count == written })
            }
        }
    }

    @Test func storeWorksAgainOncePostgreSQLIsBack() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            let relay = try await TCPRelay.start(to: endpoint.host, port: endpoint.port)
            var relayed = endpoint
            relayed.host = "127.0.0.1"
            relayed.port = relay.port
            let batch = LedgerFixtures.wideBatch(client: "acme", rows: 5)
            do {
                try await TestPostgres.withStore(relayed) { store in
                    try await store.add(batch)
                    await relay.cut()
                    // The first call may find the connection closing or already closed; either way it fails.
                    let writing = await #expect(throws: StoreError.self) { try await store.add(batch) }
                    #expect(writing?.description.hasPrefix("cannot write the usage store \(relayed): ") == true)
                    #expect(writing?.description.contains("\n") == false)
                    let reading = await #expect(throws: StoreError.self) {
                        try await store.usage(since: LedgerFixtures.day)
                    }
                    #expect(reading?.description == "cannot read the usage store \(relayed): connection refused")
                    try await relay.restore()
                    try await store.add(batch)
                    let stored = try await store.usage(since: LedgerFixtures.day)
                    #expect(stored.requests.values.allSatisfy { $0.count == 2 })
                }
            } catch {
                await relay.cut()
                throw error
            }
            await relay.cut()
        }
    }

    @Test func missingDatabaseIsNamedByTheServer() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            var missing = endpoint
            missing.database = endpoint.database + "_missing"
            let error = await #expect(throws: StoreError.self) {
                try await UsageStores.open(.postgres(missing), environment: ProcessInfo.processInfo.environment)
            }
            #expect(
                error?.description
                    == "cannot open the usage store \(missing): database \"\(missing.database)\" does not exist "
                    + "(SQLSTATE 3D000)"
            )
        }
    }
}
