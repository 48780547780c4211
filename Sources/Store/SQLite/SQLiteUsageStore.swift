import Foundation
import Logging
import NIOPosix
import SQLiteNIO

/// The usage ledger in a SQLite file: one gateway's, and the report commands' reading it meanwhile.
///
/// The file is in WAL mode, so a reader never waits for the writer; a writer waits for another one up to
/// ``busyTimeoutMilliseconds`` (`BEGIN IMMEDIATE`), then fails with a ``StoreError`` that the flusher retries.
/// Opening brings the schema up to date (numbered migrations, see ``SQLiteSchema``).
///
/// Concurrency: an actor; a ``SerialGate`` keeps each call's statements together across their awaits. libsqlite3 runs
/// on the store's own one-thread `NIOThreadPool` (sqlite-nio), never on an event loop: a statement waiting out another
/// connection's lock blocks that thread only, never the thread of the store holding the lock (with a shared pool,
/// waiters could occupy every thread and the holder could not finish). Call ``close()`` before letting go of a store.
public actor SQLiteUsageStore: UsageStore {
    /// How long a statement waits for another connection's lock before it fails, in milliseconds.
    public static let busyTimeoutMilliseconds = 5_000

    private let location: StoreLocation
    private let threadPool: NIOThreadPool
    private let gate = SerialGate()
    /// The ledger's migration: this program's latest, unless the file was opened read-only as an older one was.
    private let schema: Int
    /// Nil once closed.
    private var connection: SQLiteConnection?

    private init(location: StoreLocation, threadPool: NIOThreadPool, connection: SQLiteConnection, schema: Int) {
        self.location = location
        self.threadPool = threadPool
        self.connection = connection
        self.schema = schema
    }

    /// Opens the ledger in the file at `path` (relative to the working directory, or absolute), creating it when
    /// missing, and applies the migrations it lacks.
    ///
    /// - Throws: ``StoreError``, one line: `cannot open the usage store sqlite:PATH: REASON`, where the reason says
    ///   the directory does not exist, the file is not a SQLite database, permission is denied, the schema is newer
    ///   than this program knows, ….
    /// - Parameter readOnly: open without creating, migrating or writing anything (`mode=ro`), as a report does:
    ///   then a file that is no ledger, or one whose schema is newer than this program's, is refused; a ledger of an
    ///   earlier release is read as it is (without the rows its schema has no table for, such as evaluations).
    public static func open(
        path: String,
        readOnly: Bool = false,
        logger: Logger
    ) async throws(StoreError) -> SQLiteUsageStore {
        let location = StoreLocation.sqlite(path: path)
        let threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        var opened: SQLiteConnection?
        do {
            let connection = try await SQLiteConnection.open(
                storage: .file(path: readOnly ? Self.readOnlyURI(path) : path),
                threadPool: threadPool,
                logger: logger,
                on: MultiThreadedEventLoopGroup.singleton.any()
            )
            opened = connection
            let schema =
                readOnly
                ? try await Self.check(connection, location: location)
                : try await Self.prepare(connection, location: location)
            return SQLiteUsageStore(location: location, threadPool: threadPool, connection: connection, schema: schema)
        } catch {
            let failure = await Self.openFailure(error, path: path, threadPool: threadPool)
            try? await opened?.close()
            try? await threadPool.shutdownGracefully()
            throw failure
        }
    }

    public func add(_ batch: UsageBatch) async throws(StoreError) {
        guard !batch.isEmpty else { return }
        let rows = StoredRows(batch)
        await self.gate.enter()
        defer { self.gate.leave() }
        let connection = try self.openConnection(for: "write")
        do {
            try await Self.transaction(on: connection, begin: "BEGIN IMMEDIATE") { connection in
                try await Self.upsert(rows, on: connection)
            }
        } catch {
            throw StoreError("cannot write the usage store \(self.location): \(Self.reason(error))")
        }
    }

    public func usage(since: UsageDay) async throws(StoreError) -> UsageBatch {
        await self.gate.enter()
        defer { self.gate.leave() }
        let connection = try self.openConnection(for: "read")
        do {
            // One read transaction: every table from the same snapshot.
            return try await Self.transaction(on: connection, begin: "BEGIN") { [schema] connection in
                try await Self.read(since: since, schema: schema, on: connection)
            }
        } catch {
            throw StoreError("cannot read the usage store \(self.location): \(Self.reason(error))")
        }
    }

    public func close() async {
        await self.gate.enter()
        defer { self.gate.leave() }
        guard let connection = self.connection else { return }
        self.connection = nil
        try? await connection.close()
        try? await self.threadPool.shutdownGracefully()
    }

    private func openConnection(for purpose: String) throws(StoreError) -> SQLiteConnection {
        guard let connection = self.connection else {
            throw StoreError("cannot \(purpose) the usage store \(self.location): it is closed")
        }
        return connection
    }

    /// `file:PATH?mode=ro` (RFC 8089, with SQLite's URI parameters), the path's reserved characters escaped.
    private static func readOnlyURI(_ path: String) -> String {
        var absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        absolute = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
        return "file:\(absolute)?mode=ro"
    }

    /// Checks a connection opened read-only holds a ledger this program can read as it is.
    /// - Returns: the ledger's migration.
    private static func check(_ connection: SQLiteConnection, location: StoreLocation) async throws -> Int {
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
    /// - Returns: the ledger's migration: this program's latest.
    private static func prepare(_ connection: SQLiteConnection, location: StoreLocation) async throws -> Int {
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
                let next = try SchemaMigration.next(after: current, in: SQLiteSchema.migrations, location: location)
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

    /// Runs `body` between `begin` and `COMMIT`, or rolls back when it throws.
    private static func transaction<Result>(
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
    private static func reason(_ error: any Error) -> String {
        if let error = error as? StoreError { return error.description }
        if let error = error as? SQLiteError { return StoreError.oneLine(error.message) }
        return StoreError.oneLine("\(error)")
    }
}
