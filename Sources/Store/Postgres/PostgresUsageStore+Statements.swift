import Logging
import PostgresNIO

extension PostgresUsageStore {
    /// Applies the migrations `connection`'s database lacks, one transaction each, under the migration lock.
    static func migrate(_ connection: PostgresConnection, location: StoreLocation, logger: Logger) async throws {
        var migrating = true
        while migrating {
            migrating = try await Self.transaction(on: connection, logger: logger) { connection, logger in
                try await connection.query(PostgresSchema.lockForMigration, logger: logger)
                try await connection.query(PostgresSchema.createMigrationsTable, logger: logger)
                var current = 0
                for try await version in try await connection.query(PostgresSchema.currentVersion, logger: logger)
                    .decode(Int32.self)
                {
                    current = Int(version)
                }
                guard
                    let next = try SchemaMigration.next(
                        after: current,
                        in: PostgresSchema.migrations,
                        location: location
                    )
                else { return false }
                for statement in next.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(PostgresSchema.recordMigration(next.version), logger: logger)
                return true
            }
        }
    }

    /// Runs `body` between `begin` and `COMMIT`, or rolls back when it throws.
    ///
    /// When the connection is lost during `COMMIT`, whether the transaction was committed is unknown (as with any
    /// PostgreSQL client); the error says the connection was lost.
    static func transaction<Result>(
        on connection: PostgresConnection,
        begin: PostgresQuery = "BEGIN",
        logger: Logger,
        _ body: (PostgresConnection, Logger) async throws -> Result
    ) async throws -> Result {
        try await connection.query(begin, logger: logger)
        do {
            let result = try await body(connection, logger)
            try await connection.query("COMMIT", logger: logger)
            return result
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// Every row from `since` on.
    static func read(since: UsageDay, on connection: PostgresConnection, logger: Logger) async throws -> UsageBatch {
        var batch = UsageBatch()
        let requests = try await connection.query(PostgresSchema.selectRequests(since: since), logger: logger)
        for try await (day, client, requested, served, method, route, statusClass, count, firstSeen, lastSeen)
            in requests.decode((Int32, String, String, String, String, String, Int32, Int64, Int64, Int64).self)
        {
            let usage = RequestUsage(
                day: UsageDay(daysSinceEpoch: day),
                client: client,
                requestedVersion: StoredRows.requestedVersion(stored: requested),
                servedVersion: served,
                method: method,
                route: route,
                statusClass: Int(statusClass)
            )
            batch.requests[usage] = UsageTally(count: count, firstSeen: firstSeen, lastSeen: lastSeen)
        }
        let changes = try await connection.query(PostgresSchema.selectChanges(since: since), logger: logger)
        for try await (day, client, served, changeVersion, changeID, count, firstSeen, lastSeen)
            in changes.decode((Int32, String, String, String, String, Int64, Int64, Int64).self)
        {
            let usage = ChangeUsage(
                day: UsageDay(daysSinceEpoch: day),
                client: client,
                servedVersion: served,
                changeVersion: changeVersion,
                changeID: changeID
            )
            batch.changes[usage] = UsageTally(count: count, firstSeen: firstSeen, lastSeen: lastSeen)
        }
        let evaluations = try await connection.query(PostgresSchema.selectEvaluations(since: since), logger: logger)
        for try await (day, client, served, evaluated, via, count, firstSeen, lastSeen)
            in evaluations.decode((Int32, String, String, String, String, Int64, Int64, Int64).self)
        {
            let usage = EvaluationUsage(
                day: UsageDay(daysSinceEpoch: day),
                client: client,
                servedVersion: served,
                evaluatedVersion: evaluated,
                via: via
            )
            batch.evaluations[usage] = UsageTally(count: count, firstSeen: firstSeen, lastSeen: lastSeen)
        }
        return batch
    }
}
