import Logging
import PostgresNIO

/// The usage ledger in a PostgreSQL database, which several gateways share: each adds its counts to the same rows.
///
/// The store keeps one connection. When it is lost (the server restarted, the network dropped) the call that notices
/// fails with a ``StoreError``, and the next call connects again, so the flusher's retries find the store working once
/// PostgreSQL is back. Opening brings the schema up to date (numbered migrations, see ``PostgresSchema``).
///
/// TLS is used when the server offers it, without verifying its certificate (libpq's default `sslmode=prefer`).
///
/// Concurrency: an actor; a ``SerialGate`` keeps each call's statements (one transaction) together across their
/// awaits. The I/O runs on postgres-nio's event loops (`MultiThreadedEventLoopGroup.singleton`), never blocking.
public actor PostgresUsageStore: UsageStore {
    /// How long a connection attempt may take before it fails.
    public static let connectTimeout = TimeAmount.seconds(5)

    private enum State {
        case connected(PostgresConnection)
        /// The connection was lost; the next call connects again.
        case disconnected
        case closed
    }

    private let endpoint: PostgresEndpoint
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private let gate = SerialGate()
    private var state: State
    private var connectionCount = 1

    private init(
        endpoint: PostgresEndpoint,
        configuration: PostgresConnection.Configuration,
        connection: PostgresConnection,
        logger: Logger
    ) {
        self.endpoint = endpoint
        self.configuration = configuration
        self.state = .connected(connection)
        self.logger = logger
    }

    /// Connects to `endpoint` and applies the migrations its database lacks.
    ///
    /// - Parameter password: from ``PostgresPassword/find(for:environment:)``; nil for trust authentication.
    /// - Throws: ``StoreError``, one line: `cannot open the usage store postgres://USER@HOST:PORT/DB: REASON`, the
    ///   reason being `connection refused`, the server's message (`password authentication failed for user "vg"`,
    ///   `database "ledger" does not exist`), a schema newer than this program knows, ….
    public static func open(
        _ endpoint: PostgresEndpoint,
        password: String?,
        logger: Logger
    ) async throws(StoreError) -> PostgresUsageStore {
        let configuration = try Self.configuration(for: endpoint, password: password)
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw StoreError("cannot open the usage store \(endpoint): \(Self.reason(error))")
        }
        do {
            try await Self.migrate(connection, location: .postgres(endpoint), logger: logger)
        } catch {
            try? await connection.close()
            if let error = error as? StoreError { throw error }
            throw StoreError("cannot open the usage store \(endpoint): \(Self.reason(error))")
        }
        return PostgresUsageStore(
            endpoint: endpoint,
            configuration: configuration,
            connection: connection,
            logger: logger
        )
    }

    public func add(_ batch: UsageBatch) async throws(StoreError) {
        guard !batch.isEmpty else { return }
        let rows = StoredRows(batch)
        await self.gate.enter()
        defer { self.gate.leave() }
        let connection = try await self.connection(for: "write")
        do {
            try await Self.transaction(on: connection, logger: self.logger) { connection, logger in
                if !rows.requests.isEmpty {
                    try await connection.query(PostgresSchema.upsertRequests(rows.requests), logger: logger)
                }
                if !rows.changes.isEmpty {
                    try await connection.query(PostgresSchema.upsertChanges(rows.changes), logger: logger)
                }
                if !rows.evaluations.isEmpty {
                    try await connection.query(PostgresSchema.upsertEvaluations(rows.evaluations), logger: logger)
                }
            }
        } catch {
            await self.forgetIfLost(connection, after: error)
            throw StoreError("cannot write the usage store \(self.endpoint): \(Self.reason(error))")
        }
    }

    public func usage(since: UsageDay) async throws(StoreError) -> UsageBatch {
        await self.gate.enter()
        defer { self.gate.leave() }
        let connection = try await self.connection(for: "read")
        do {
            // REPEATABLE READ: every table from the same snapshot.
            return try await Self.transaction(
                on: connection,
                begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                logger: self.logger
            ) { connection, logger in
                try await Self.read(since: since, on: connection, logger: logger)
            }
        } catch {
            await self.forgetIfLost(connection, after: error)
            throw StoreError("cannot read the usage store \(self.endpoint): \(Self.reason(error))")
        }
    }

    public func close() async {
        await self.gate.enter()
        defer { self.gate.leave() }
        let previous = self.state
        self.state = .closed
        if case .connected(let connection) = previous { try? await connection.close() }
    }

    /// The open connection, connecting again when the last one was lost.
    private func connection(for purpose: String) async throws(StoreError) -> PostgresConnection {
        switch self.state {
        case .connected(let connection) where !connection.isClosed:
            return connection
        case .connected, .disconnected:
            self.connectionCount += 1
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: self.configuration,
                    id: self.connectionCount,
                    logger: self.logger
                )
                self.state = .connected(connection)
                return connection
            } catch {
                self.state = .disconnected
                throw StoreError("cannot \(purpose) the usage store \(self.endpoint): \(Self.reason(error))")
            }
        case .closed:
            throw StoreError("cannot \(purpose) the usage store \(self.endpoint): it is closed")
        }
    }

    /// After a failed call: drops the connection when the failure was the connection's, so the next call reconnects.
    private func forgetIfLost(_ connection: PostgresConnection, after error: any Error) async {
        guard connection.isClosed || Self.isConnectionLost(error), case .connected = self.state else { return }
        self.state = .disconnected
        try? await connection.close()
    }

    private static func configuration(
        for endpoint: PostgresEndpoint,
        password: String?
    ) throws(StoreError) -> PostgresConnection.Configuration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        let context: NIOSSLContext
        do { context = try NIOSSLContext(configuration: tls) } catch {
            throw StoreError("cannot open the usage store \(endpoint): cannot set up TLS: \(Self.reason(error))")
        }
        var configuration = PostgresConnection.Configuration(
            host: endpoint.host,
            port: endpoint.port,
            username: endpoint.user,
            password: password,
            database: endpoint.database,
            tls: .prefer(context)
        )
        configuration.options.connectTimeout = Self.connectTimeout
        // A locked table or a stuck server fails the statement instead of holding the flusher's write forever.
        configuration.options.additionalStartupParameters = [
            ("statement_timeout", "30s"), ("lock_timeout", "10s"),
            ("idle_in_transaction_session_timeout", "60s"),
        ]
        return configuration
    }
}
