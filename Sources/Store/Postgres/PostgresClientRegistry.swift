import Logging
import NIOCore
import PostgresNIO

/// The client registry in the PostgreSQL database of the usage ledger, which several gateways share.
///
/// Every committed write sends `NOTIFY versiongate_clients` with the client's id (``ClientRegistries/notificationChannel``),
/// so that gateways listening reload at once; ``generation()`` serves as their periodic check.
///
/// Concurrency: an actor holding only constants; its ``PostgresSession`` serialises each call's transaction and
/// connects again after a lost connection.
public actor PostgresClientRegistry: ClientRegistry {
    private typealias ClientRow = (
        String, String, String, String?, Int64, Int64?, ByteBuffer, String, ByteBuffer?, Int64?, Int64?, Int64
    )

    private let session: PostgresSession
    /// Wakes ``generation(changedFrom:waitingAtMost:)`` on `NOTIFY`; listens from its first call on.
    private let notifications: PostgresNotificationListener

    private init(session: PostgresSession, logger: Logger) {
        self.session = session
        self.notifications = PostgresNotificationListener(
            channel: ClientRegistries.notificationChannel,
            logger: logger
        ) { attempt in
            try await session.connectApart(attempt, logger: logger)
        }
    }

    /// Connects to `endpoint` and applies the migrations its database lacks (the usage ledger's too: they share it).
    ///
    /// - Parameter password: from ``PostgresPassword/find(for:environment:)``; nil for trust authentication.
    /// - Throws: ``StoreError``, one line: `cannot open the client registry postgres://USER@HOST:PORT/DB: REASON`.
    public static func open(
        _ endpoint: PostgresEndpoint,
        password: String?,
        logger: Logger
    ) async throws(StoreError) -> PostgresClientRegistry {
        let session = try await PostgresSession.open(
            endpoint,
            password: password,
            noun: "client registry",
            logger: logger
        )
        return PostgresClientRegistry(session: session, logger: logger)
    }

    public func create(_ client: RegisteredClient, event: ClientEvent) async throws(StoreError) {
        try await self.session.run("write") { connection, logger in
            try StoreRefusal.check(client, event: event)
            try await PostgresSession.transaction(on: connection, logger: logger) { connection, logger in
                do {
                    try await connection.query(PostgresSchema.insertClient(client), logger: logger)
                } catch let error as PSQLError {
                    throw Self.conflict(error, with: client) ?? error
                }
                try await Self.record(event, on: connection, logger: logger)
            }
        }
    }

    public func update(_ client: RegisteredClient, event: ClientEvent) async throws(StoreError) {
        try await self.session.run("write") { connection, logger in
            try StoreRefusal.check(client, event: event)
            try await PostgresSession.transaction(on: connection, logger: logger) { connection, logger in
                let updated: [PostgresRow]
                do {
                    updated = try await connection.query(PostgresSchema.updateClient(client), logger: logger)
                        .collect()
                } catch let error as PSQLError {
                    throw Self.conflict(error, with: client) ?? error
                }
                guard !updated.isEmpty else {
                    let exists = try await connection.query(PostgresSchema.selectClient(id: client.id), logger: logger)
                        .collect()
                    throw exists.isEmpty
                        ? StoreRefusal.unknownClient(id: client.id) : StoreRefusal.changedMeanwhile(id: client.id)
                }
                try await Self.record(event, on: connection, logger: logger)
            }
        }
    }

    public func clients() async throws(StoreError) -> [RegisteredClient] {
        try await self.session.run("read") { connection, logger in
            var clients: [RegisteredClient] = []
            let rows = try await connection.query(PostgresSchema.selectClients, logger: logger)
            for try await row in rows.decode(ClientRow.self) { clients.append(Self.client(row)) }
            return clients
        }
    }

    public func client(id: String) async throws(StoreError) -> RegisteredClient? {
        try await self.session.run("read") { connection, logger in
            let rows = try await connection.query(PostgresSchema.selectClient(id: id), logger: logger)
            var client: RegisteredClient?
            for try await row in rows.decode(ClientRow.self) { client = Self.client(row) }
            return client
        }
    }

    public func events(clientID: String) async throws(StoreError) -> [ClientEvent] {
        try await self.session.run("read") { connection, logger in
            var events: [ClientEvent] = []
            let rows = try await connection.query(PostgresSchema.selectEvents(clientID: clientID), logger: logger)
            for try await (id, at, actor, action, detail) in rows.decode((String, Int64, String, String, String).self) {
                events.append(ClientEvent(clientID: id, at: at, actor: actor, action: action, detail: detail))
            }
            return events
        }
    }

    public func generation() async throws(StoreError) -> Int64 {
        try await self.session.run("read") { connection, logger in
            let rows = try await connection.query(PostgresSchema.selectGeneration, logger: logger)
            var generation: Int64 = 0
            for try await value in rows.decode(Int64.self) { generation = value }
            return generation
        }
    }

    public func generation(
        changedFrom generation: Int64,
        waitingAtMost timeout: Duration
    ) async throws(StoreError) -> Int64 {
        let seen = await self.notifications.start()
        let current = try await self.generation()
        guard current == generation else { return current }
        await self.notifications.wait(after: seen, atMost: timeout)
        return try await self.generation()
    }

    public func recordUse(_ lastUsed: [String: Int64]) async throws(StoreError) {
        guard !lastUsed.isEmpty else { return }
        try await self.session.run("write") { connection, logger in
            try await PostgresSession.transaction(on: connection, logger: logger) { connection, logger in
                for (id, second) in lastUsed.sorted(by: { $0.key < $1.key }) {
                    try await connection.query(PostgresSchema.recordUse(id: id, at: second), logger: logger)
                }
            }
        }
    }

    public func close() async {
        await self.notifications.stop()
        await self.session.close()
    }

    /// Appends `event`, counts the write and notifies listeners (on commit).
    private static func record(_ event: ClientEvent, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(PostgresSchema.insertEvent(event), logger: logger)
        try await connection.query(PostgresSchema.bumpGeneration, logger: logger)
        try await connection.query(PostgresSchema.notify(clientID: event.clientID), logger: logger)
    }

    private static func client(_ row: ClientRow) -> RegisteredClient {
        RegisteredClient(
            id: row.0,
            name: row.1,
            environment: row.2,
            pin: row.3,
            createdAt: row.4,
            revokedAt: row.5,
            tokenDigest: Array(row.6.readableBytesView),
            tokenPrefix: row.7,
            previousTokenDigest: row.8.map { Array($0.readableBytesView) },
            previousTokenExpiresAt: row.9,
            lastUsedAt: row.10,
            revision: row.11
        )
    }

    /// The refusal a unique violation (SQLSTATE 23505) of one of `clients`' constraints stands for, or nil.
    private static func conflict(_ error: PSQLError, with client: RegisteredClient) -> StoreRefusal? {
        guard error.code == .server, error.serverInfo?[.sqlState] == "23505",
            let constraint = error.serverInfo?[.constraintName],
            let conflict = PostgresSchema.clientConstraints[constraint]
        else { return nil }
        return .conflict(conflict, with: client)
    }
}
