import Logging
import NIOCore
import SQLiteNIO

/// The client registry in the SQLite file of the usage ledger.
///
/// A gateway notices what the `versiongate clients` commands change by polling ``generation()``: one row, read in
/// microseconds, without blocking the writer (WAL mode).
///
/// Concurrency: an actor holding only constants; its ``SQLiteSession`` serialises each call's transaction and runs
/// libsqlite3 on its own thread, never on an event loop. Call ``close()`` before letting go of a registry.
public actor SQLiteClientRegistry: ClientRegistry {
    private let session: SQLiteSession

    private init(session: SQLiteSession) {
        self.session = session
    }

    /// Opens the registry in the file at `path` (relative to the working directory, or absolute), creating it when
    /// missing, and applies the migrations it lacks (the usage ledger's too: they share the file).
    ///
    /// - Parameter readOnly: open an existing file without creating, migrating or writing anything, for commands
    ///   that only read; a ledger written before clients were registered then reads as a registry without clients.
    /// - Throws: ``StoreError``, one line: `cannot open the client registry sqlite:PATH: REASON`.
    public static func open(
        path: String,
        readOnly: Bool = false,
        logger: Logger
    ) async throws(StoreError) -> SQLiteClientRegistry {
        let session = try await SQLiteSession.open(
            path: path,
            readOnly: readOnly,
            noun: "client registry",
            logger: logger
        )
        return SQLiteClientRegistry(session: session)
    }

    /// Whether the file has the registry's tables: a read-only file may predate them.
    private var hasRegistry: Bool { self.session.schema >= SQLiteSchema.clientRegistryMigration.version }

    public func create(_ client: RegisteredClient, event: ClientEvent) async throws(StoreError) {
        try await self.session.run("write", begin: "BEGIN IMMEDIATE") { connection in
            try StoreRefusal.check(client, event: event)
            do {
                _ = try await connection.query(
                    SQLiteSchema.insertClient,
                    [.text(client.id)] + Self.binds(client) + [.text(client.nameKey)]
                )
            } catch let error as SQLiteError {
                throw Self.conflict(error, with: client) ?? error
            }
            try await Self.record(event, on: connection)
        }
    }

    public func update(_ client: RegisteredClient, event: ClientEvent) async throws(StoreError) {
        try await self.session.run("write", begin: "BEGIN IMMEDIATE") { connection in
            try StoreRefusal.check(client, event: event)
            let updated: [SQLiteRow]
            do {
                updated = try await connection.query(
                    SQLiteSchema.updateClient,
                    Self.binds(client).dropLast()
                        + [.text(client.nameKey), .text(client.id), .integer(SQLiteInt64(client.revision))]
                )
            } catch let error as SQLiteError {
                throw Self.conflict(error, with: client) ?? error
            }
            guard !updated.isEmpty else {
                let exists = try await connection.query(SQLiteSchema.selectClient, [.text(client.id)])
                throw exists.isEmpty
                    ? StoreRefusal.unknownClient(id: client.id) : StoreRefusal.changedMeanwhile(id: client.id)
            }
            try await Self.record(event, on: connection)
        }
    }

    public func clients() async throws(StoreError) -> [RegisteredClient] {
        guard self.hasRegistry else { return [] }
        return try await self.session.run("read", begin: "BEGIN") { connection in
            try await connection.query(SQLiteSchema.selectClients).map(Self.client)
        }
    }

    public func client(id: String) async throws(StoreError) -> RegisteredClient? {
        guard self.hasRegistry else { return nil }
        return try await self.session.run("read", begin: "BEGIN") { connection in
            try await connection.query(SQLiteSchema.selectClient, [.text(id)]).first.map(Self.client)
        }
    }

    public func events(clientID: String) async throws(StoreError) -> [ClientEvent] {
        guard self.hasRegistry else { return [] }
        return try await self.session.run("read", begin: "BEGIN") { connection in
            try await connection.query(SQLiteSchema.selectEvents, [.text(clientID)]).map { row in
                ClientEvent(
                    clientID: try SQLiteRows.text(row, "client_id"),
                    at: try SQLiteRows.integer(row, "at"),
                    actor: try SQLiteRows.text(row, "actor"),
                    action: try SQLiteRows.text(row, "action"),
                    detail: try SQLiteRows.text(row, "detail")
                )
            }
        }
    }

    public func generation() async throws(StoreError) -> Int64 {
        guard self.hasRegistry else { return 0 }
        return try await self.session.run("read", begin: "BEGIN") { connection in
            let rows = try await connection.query(SQLiteSchema.selectGeneration)
            return try rows.first.map { try SQLiteRows.integer($0, "generation") } ?? 0
        }
    }

    public func generation(
        changedFrom generation: Int64,
        waitingAtMost timeout: Duration
    ) async throws(StoreError) -> Int64 {
        let deadline = ContinuousClock.now + timeout
        while true {
            guard !self.session.fileWasReplaced else {
                throw StoreError(
                    "\(self.session.location) was replaced or removed while open: restart to read the new file"
                )
            }
            let current = try await self.generation()
            guard current == generation, ContinuousClock.now < deadline else { return current }
            try? await Task.sleep(for: .milliseconds(100))
            if Task.isCancelled { return current }
        }
    }

    public func recordUse(_ lastUsed: [String: Int64]) async throws(StoreError) {
        guard !lastUsed.isEmpty else { return }
        try await self.session.run("write", begin: "BEGIN IMMEDIATE") { connection in
            for (id, second) in lastUsed.sorted(by: { $0.key < $1.key }) {
                _ = try await connection.query(SQLiteSchema.recordUse, [.integer(SQLiteInt64(second)), .text(id)])
            }
        }
    }

    public func close() async {
        await self.session.close()
    }

    /// Appends `event` and counts the write.
    private static func record(_ event: ClientEvent, on connection: SQLiteConnection) async throws {
        let binds: [SQLiteData] = [
            .text(event.clientID), .integer(SQLiteInt64(event.at)), .text(event.actor), .text(event.action),
            .text(event.detail),
        ]
        _ = try await connection.query(SQLiteSchema.insertEvent, binds)
        _ = try await connection.query(SQLiteSchema.bumpGeneration)
    }

    /// The client's columns but the id, in the order of ``SQLiteSchema/clientColumns`` (`last_used_at` last).
    private static func binds(_ client: RegisteredClient) -> [SQLiteData] {
        [
            .text(client.name), .text(client.environment), client.pin.map(SQLiteData.text) ?? .null,
            .integer(SQLiteInt64(client.createdAt)), Self.integer(client.revokedAt),
            .blob(ByteBuffer(bytes: client.tokenDigest)), .text(client.tokenPrefix),
            client.previousTokenDigest.map { .blob(ByteBuffer(bytes: $0)) } ?? .null,
            Self.integer(client.previousTokenExpiresAt), Self.integer(client.lastUsedAt),
        ]
    }

    private static func integer(_ value: Int64?) -> SQLiteData {
        value.map { .integer(SQLiteInt64($0)) } ?? .null
    }

    private static func client(_ row: SQLiteRow) throws(StoreError) -> RegisteredClient {
        RegisteredClient(
            id: try SQLiteRows.text(row, "id"),
            name: try SQLiteRows.text(row, "name"),
            environment: try SQLiteRows.text(row, "environment"),
            pin: try SQLiteRows.optionalText(row, "pin"),
            createdAt: try SQLiteRows.integer(row, "created_at"),
            revokedAt: try SQLiteRows.optionalInteger(row, "revoked_at"),
            tokenDigest: try SQLiteRows.blob(row, "token_digest"),
            tokenPrefix: try SQLiteRows.text(row, "token_prefix"),
            previousTokenDigest: try SQLiteRows.optionalBlob(row, "previous_token_digest"),
            previousTokenExpiresAt: try SQLiteRows.optionalInteger(row, "previous_token_expires_at"),
            lastUsedAt: try SQLiteRows.optionalInteger(row, "last_used_at"),
            revision: try SQLiteRows.integer(row, "revision")
        )
    }

    /// The refusal a unique constraint's failure stands for (SQLite names the column: `clients.name`), or nil.
    private static func conflict(_ error: SQLiteError, with client: RegisteredClient) -> StoreRefusal? {
        guard error.reason == .constraintUniqueFailed || error.reason == .constraintPrimaryKeyFailed else {
            return nil
        }
        if error.message.hasSuffix("clients.name_key") { return .conflict(.name, with: client) }
        if error.message.hasSuffix("clients.id") { return .conflict(.id, with: client) }
        if error.message.hasSuffix("clients.token_digest") { return .conflict(.tokenDigest, with: client) }
        return nil
    }
}
