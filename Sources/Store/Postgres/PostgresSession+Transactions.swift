import Logging
import PostgresNIO

extension PostgresSession {
    /// Applies the migrations `connection`'s database lacks, one transaction each, under the migration lock.
    static func migrate(
        _ connection: PostgresConnection,
        location: StoreLocation,
        noun: String,
        logger: Logger
    ) async throws {
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
                        location: location,
                        noun: noun
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
}
