import Logging
import SQLiteNIO

/// The usage ledger in a SQLite file: one gateway's, and the report commands' reading it meanwhile.
///
/// The file is in WAL mode, so a reader never waits for the writer; a writer waits for another one up to
/// ``busyTimeoutMilliseconds`` (`BEGIN IMMEDIATE`), then fails with a ``StoreError`` that the flusher retries.
/// Opening brings the schema up to date (numbered migrations, see ``SQLiteSchema``).
///
/// Concurrency: an actor holding only constants; its ``SQLiteSession`` serialises each call's transaction and runs
/// libsqlite3 on its own thread, never on an event loop. Call ``close()`` before letting go of a store.
public actor SQLiteUsageStore: UsageStore {
    /// How long a statement waits for another connection's lock before it fails, in milliseconds.
    public static let busyTimeoutMilliseconds = SQLiteSession.busyTimeoutMilliseconds

    private let session: SQLiteSession

    private init(session: SQLiteSession) {
        self.session = session
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
        let session = try await SQLiteSession.open(path: path, readOnly: readOnly, noun: "usage store", logger: logger)
        return SQLiteUsageStore(session: session)
    }

    public func add(_ batch: UsageBatch) async throws(StoreError) {
        guard !batch.isEmpty else { return }
        let rows = StoredRows(batch)
        try await self.session.run("write", begin: "BEGIN IMMEDIATE") { connection in
            try await Self.upsert(rows, on: connection)
        }
    }

    public func usage(since: UsageDay) async throws(StoreError) -> UsageBatch {
        // One read transaction: every table from the same snapshot.
        let schema = self.session.schema
        return try await self.session.run("read", begin: "BEGIN") { connection in
            try await Self.read(since: since, schema: schema, on: connection)
        }
    }

    public func close() async {
        await self.session.close()
    }
}
