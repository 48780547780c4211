import Logging
import NIOPosix
import SQLiteNIO

/// One store's connection to a SQLite file, shared by the usage ledger and the client registry: both live in one
/// file, and opening either applies every migration in ``SQLiteSchema/migrations``.
///
/// The file is in WAL mode, so a reader never waits for the writer; a writer waits for another one up to
/// ``busyTimeoutMilliseconds`` (`BEGIN IMMEDIATE`), then fails with a ``StoreError``.
///
/// Concurrency: an actor; a ``SerialGate`` keeps each call's statements together across their awaits. libsqlite3 runs
/// on the session's own one-thread `NIOThreadPool` (sqlite-nio), never on an event loop: a statement waiting out
/// another connection's lock blocks that thread only, never the thread of the store holding the lock (with a shared
/// pool, waiters could occupy every thread and the holder could not finish). Call ``close()`` before letting go.
actor SQLiteSession {
    /// How long a statement waits for another connection's lock before it fails, in milliseconds.
    static let busyTimeoutMilliseconds = 5_000

    let location: StoreLocation
    /// The file's migration: this program's latest, unless the file was opened read-only as an older one was.
    let schema: Int
    /// The file opened; nil when it could not be told (a path `stat` cannot see).
    private let identity: SQLiteFileIdentity?
    /// What the owner is, for messages: `usage store` or `client registry`.
    private let noun: String
    private let threadPool: NIOThreadPool
    private let gate = SerialGate()
    /// Nil once closed.
    private var connection: SQLiteConnection?

    private init(
        location: StoreLocation,
        noun: String,
        threadPool: NIOThreadPool,
        connection: SQLiteConnection,
        schema: Int
    ) {
        self.location = location
        if case .sqlite(let path) = location {
            self.identity = SQLiteFileIdentity(path: path)
        } else {
            self.identity = nil
        }
        self.noun = noun
        self.threadPool = threadPool
        self.connection = connection
        self.schema = schema
    }

    /// Whether the path now names another file than the one opened, or none: the session still reads the one it
    /// opened, which nobody else writes any more.
    nonisolated var fileWasReplaced: Bool {
        guard let identity = self.identity, case .sqlite(let path) = self.location else { return false }
        return SQLiteFileIdentity(path: path) != identity
    }

    /// Opens the file at `path` (relative to the working directory, or absolute), creating it when missing, and
    /// applies the migrations it lacks.
    ///
    /// - Parameters:
    ///   - readOnly: open without creating, migrating or writing anything (`mode=ro`), as a report does.
    ///   - noun: what the caller opens, for messages: `usage store` or `client registry`.
    /// - Throws: ``StoreError``, one line: `cannot open the NOUN sqlite:PATH: REASON`.
    static func open(
        path: String,
        readOnly: Bool,
        noun: String,
        logger: Logger
    ) async throws(StoreError) -> SQLiteSession {
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
                : try await Self.prepare(connection, location: location, noun: noun)
            return SQLiteSession(
                location: location,
                noun: noun,
                threadPool: threadPool,
                connection: connection,
                schema: schema
            )
        } catch {
            let failure = await Self.openFailure(error, path: path, noun: noun, threadPool: threadPool)
            try? await opened?.close()
            try? await threadPool.shutdownGracefully()
            throw failure
        }
    }

    /// Runs `body` in one transaction started by `begin`, no other call's statements interleaving with its own.
    ///
    /// - Parameters:
    ///   - purpose: `read` or `write`, for the message.
    ///   - begin: `BEGIN` to read (one snapshot), `BEGIN IMMEDIATE` to write (the write lock first).
    /// - Throws: ``StoreError``: a ``StoreRefusal`` that `body` throws becomes one holding its message alone; any
    ///   other failure reads `cannot PURPOSE the NOUN sqlite:PATH: REASON`.
    func run<Result: Sendable>(
        _ purpose: String,
        begin: String,
        _ body: @Sendable (SQLiteConnection) async throws -> Result
    ) async throws(StoreError) -> Result {
        await self.gate.enter()
        defer { self.gate.leave() }
        guard let connection = self.connection else {
            throw StoreError("cannot \(purpose) the \(self.noun) \(self.location): it is closed")
        }
        do {
            return try await Self.transaction(on: connection, begin: begin, body)
        } catch let refusal as StoreRefusal {
            throw refusal.error
        } catch {
            throw StoreError("cannot \(purpose) the \(self.noun) \(self.location): \(Self.reason(error))")
        }
    }

    func close() async {
        await self.gate.enter()
        defer { self.gate.leave() }
        guard let connection = self.connection else { return }
        self.connection = nil
        try? await connection.close()
        try? await self.threadPool.shutdownGracefully()
    }
}
