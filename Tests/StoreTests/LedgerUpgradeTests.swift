import SQLiteNIO
import Store
import TestSupport
import Testing

/// A ledger written by the first release (schema migration 1) keeps its rows when today's gateway opens it: the
/// evaluation table is added in place, and a report reads the old ledger as it is until a gateway migrates it.
@Suite struct LedgerUpgradeTests {
    @Test func aSQLiteLedgerOfTheFirstReleaseMigratesInPlace() async throws {
        try await SQLiteFixture.run { fixture in
            for statement in LegacyLedger.sqliteStatements { _ = try await fixture.rawQuery(statement) }
            try await fixture.withStore { store in
                #expect(try await store.usage(since: LedgerFixtures.day) == LegacyLedger.rows)
                try await store.add(LegacyLedger.firstBatchAfterUpgrade)
            }
            #expect(
                try await fixture.withStore { try await $0.usage(since: LedgerFixtures.day) }
                    == LegacyLedger.rowsAfterUpgrade
            )
            #expect(
                try await fixture.rawQuery("SELECT applied_at FROM schema_migrations ORDER BY version").first
                    == .integer(1_762_560_000)
            )
            #expect(
                try await fixture.rawQuery("SELECT version FROM schema_migrations ORDER BY 1") == [
                    .integer(1), .integer(2), .integer(3), .integer(4),
                ]
            )
            #expect(try await fixture.rawQuery("SELECT sum(requests) FROM evaluation_usage") == [.integer(1)])
        }
    }

    /// `versiongate report` opens the ledger read-only: it cannot migrate it, and need not to read what is there.
    @Test func aReportReadsASQLiteLedgerOfTheFirstReleaseAsItIs() async throws {
        try await SQLiteFixture.run { fixture in
            for statement in LegacyLedger.sqliteStatements { _ = try await fixture.rawQuery(statement) }
            let stored = try await fixture.withStore(readOnly: true) { try await $0.usage(since: LedgerFixtures.day) }
            #expect(stored == LegacyLedger.rows)
            #expect(try await fixture.rawQuery("SELECT version FROM schema_migrations") == [.integer(1)])
            #expect(
                try await fixture.rawQuery("SELECT count(*) FROM sqlite_master WHERE name = 'evaluation_usage'") == [
                    .integer(0)
                ]
            )
        }
    }

    @Test func aReportReadsEvaluationsOnceAGatewayHasMigratedTheLedger() async throws {
        try await SQLiteFixture.run { fixture in
            for statement in LegacyLedger.sqliteStatements { _ = try await fixture.rawQuery(statement) }
            try await fixture.withStore { try await $0.add(LegacyLedger.firstBatchAfterUpgrade) }
            let stored = try await fixture.withStore(readOnly: true) { try await $0.usage(since: LedgerFixtures.day) }
            #expect(stored == LegacyLedger.rowsAfterUpgrade)
        }
    }

    @Test(.enabled(if: TestPostgres.isConfigured, "set VERSIONGATE_TEST_POSTGRES_URL to run it"))
    func aPostgreSQLLedgerOfTheFirstReleaseMigratesInPlace() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            for statement in LegacyLedger.postgresStatements {
                _ = try await TestPostgres.query(statement, on: endpoint)
            }
            try await TestPostgres.withStore(endpoint) { store in
                #expect(try await store.usage(since: LedgerFixtures.day) == LegacyLedger.rows)
                try await store.add(LegacyLedger.firstBatchAfterUpgrade)
            }
            #expect(
                try await TestPostgres.withStore(endpoint) { try await $0.usage(since: LedgerFixtures.day) }
                    == LegacyLedger.rowsAfterUpgrade
            )
            #expect(
                try await TestPostgres.integers("SELECT version FROM schema_migrations ORDER BY 1", on: endpoint) == [
                    1, 2, 3, 4,
                ]
            )
            #expect(
                try await TestPostgres.integers("SELECT sum(requests)::bigint FROM evaluation_usage", on: endpoint) == [
                    1
                ]
            )
        }
    }
}
