import Foundation
import SQLiteNIO

extension SQLiteSession {
    /// Runs `body` between `begin` and `COMMIT`, or rolls back when it throws.
    static func transaction<Result>(
        on connection: SQLiteConnection,
        begin: String,
        _ body: (SQLiteConnection) async throws -> Result
    ) async throws -> Result {
        _ = try await connection.query(begin)
        do {
            let result = try await body(connection)
            _ = try await connection.query("COMMIT")
            return result
        } catch {
            // SQLite may have rolled back already (a full disk, an interrupt); a second rollback then fails harmlessly.
            _ = try? await connection.query("ROLLBACK")
            throw error
        }
    }

    /// Why a statement failed, in one line: SQLite's own message (`database is locked`, `disk I/O error`).
    static func reason(_ error: any Error) -> String {
        if let error = error as? StoreError { return error.description }
        if let error = error as? SQLiteError { return StoreError.oneLine(error.message) }
        return StoreError.oneLine("\(error)")
    }

    /// `file:PATH?mode=ro` (RFC 8089, with SQLite's URI parameters), the path's reserved characters escaped.
    static func readOnlyURI(_ path: String) -> String {
        var absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        absolute = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
        return "file:\(absolute)?mode=ro"
    }

    /// Checks a connection opened read-only holds a ledger this program can read as it is.
    /// - Returns: the ledger's migration.
    static func check(_ connection: SQLiteConnection, location: StoreLocation) async throws -> Int {
        _ = try await connection.query("PRAGMA busy_timeout = \(Self.busyTimeoutMilliseconds)")
        let current: Int
        do {
            current = Int(
                try await connection.query(SQLiteSchema.currentVersion).first?.column("version")?.integer ?? 0
            )
        } catch {
            throw StoreError("cannot open the usage store \(location): it is not a versiongate usage ledger")
        }
        // Throws for a ledger newer than this program; one from an earlier release is read as it is, so that a
        // report on an upgraded host need not wait for the gateway to migrate it.
        _ = try SchemaMigration.next(after: current, in: SQLiteSchema.migrations, location: location)
        guard current >= SQLiteSchema.oldestReadableMigration else {
            throw StoreError(
                "cannot open the usage store \(location): its schema is older than this versiongate's; "
                    + "a gateway serving with it migrates it"
            )
        }
        return current
    }

    /// Sets the connection up and migrates the schema, one transaction per migration.
    /// - Returns: the file's migration: this program's latest.
    static func prepare(
        _ connection: SQLiteConnection,
        location: StoreLocation,
        noun: String
    ) async throws -> Int {
        // Replaces sqlite-nio's busy handler, which retries at once and forever.
        _ = try await connection.query("PRAGMA busy_timeout = \(Self.busyTimeoutMilliseconds)")
        _ = try await connection.query("PRAGMA journal_mode = WAL")
        var schema = 0
        var migrating = true
        while migrating {
            // IMMEDIATE takes the write lock first: two processes opening a new file at once migrate one after the
            // other, and the second finds the work done.
            (schema, migrating) = try await Self.transaction(on: connection, begin: "BEGIN IMMEDIATE") { connection in
                _ = try await connection.query(SQLiteSchema.createMigrationsTable)
                let stored = try await connection.query(SQLiteSchema.currentVersion).first?.column("version")?.integer
                let current = Int(stored ?? 0)
                let next = try SchemaMigration.next(
                    after: current,
                    in: SQLiteSchema.migrations,
                    location: location,
                    noun: noun
                )
                guard let next else { return (current, false) }
                for statement in next.statements {
                    _ = try await connection.query(statement)
                }
                _ = try await connection.query(SQLiteSchema.recordMigration, [.integer(SQLiteInt64(next.version))])
                return (next.version, true)
            }
        }
        return schema
    }
}
