import Logging
import PostgresNIO

/// One store's connection to PostgreSQL, shared by the usage ledger and the client registry: both live in one
/// database, and opening either applies every migration in ``PostgresSchema/migrations``.
///
/// When the connection is lost (the server restarted, the network dropped) the call that notices fails with a
/// ``StoreError``, and the next call connects again. TLS is used when the server offers it, without verifying its
/// certificate (libpq's default `sslmode=prefer`).
///
/// Concurrency: an actor; a ``SerialGate`` keeps each call's statements (one transaction) together across their
/// awaits. The I/O runs on postgres-nio's event loops (`MultiThreadedEventLoopGroup.singleton`), never blocking.
actor PostgresSession {
    /// How long a connection attempt may take before it fails.
    static let connectTimeout = TimeAmount.seconds(5)

    private enum State {
        case connected(PostgresConnection)
        /// The connection was lost; the next call connects again.
        case disconnected
        case closed
    }

    let endpoint: PostgresEndpoint
    /// What the owner is, for messages: `usage store` or `client registry`.
    private let noun: String
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private let gate = SerialGate()
    private var state: State
    private var connectionCount = 1

    private init(
        endpoint: PostgresEndpoint,
        noun: String,
        configuration: PostgresConnection.Configuration,
        connection: PostgresConnection,
        logger: Logger
    ) {
        self.endpoint = endpoint
        self.noun = noun
        self.configuration = configuration
        self.state = .connected(connection)
        self.logger = logger
    }

    /// Connects to `endpoint` and applies the migrations its database lacks.
    ///
    /// - Parameters:
    ///   - password: from ``PostgresPassword/find(for:environment:)``; nil for trust authentication.
    ///   - noun: what the caller opens, for messages: `usage store` or `client registry`.
    /// - Throws: ``StoreError``, one line: `cannot open the NOUN postgres://USER@HOST:PORT/DB: REASON`.
    static func open(
        _ endpoint: PostgresEndpoint,
        password: String?,
        noun: String,
        logger: Logger
    ) async throws(StoreError) -> PostgresSession {
        let configuration = try Self.configuration(for: endpoint, password: password, noun: noun)
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw StoreError("cannot open the \(noun) \(endpoint): \(Self.reason(error))")
        }
        do {
            try await Self.migrate(connection, location: .postgres(endpoint), noun: noun, logger: logger)
        } catch {
            try? await connection.close()
            if let error = error as? StoreError { throw error }
            throw StoreError("cannot open the \(noun) \(endpoint): \(Self.reason(error))")
        }
        return PostgresSession(
            endpoint: endpoint,
            noun: noun,
            configuration: configuration,
            connection: connection,
            logger: logger
        )
    }

    /// Opens a connection apart from the session's (for `LISTEN`, which holds its connection), with the session's
    /// settings; its id is the session's next.
    nonisolated func connectApart(_ attempt: Int, logger: Logger) async throws -> PostgresConnection {
        try await PostgresConnection.connect(configuration: self.configuration, id: 1000 + attempt, logger: logger)
    }

    /// Runs `body` on the connection (connecting again when the last one was lost), no other call's statements
    /// interleaving with its own.
    ///
    /// - Parameter purpose: `read` or `write`, for the message.
    /// - Throws: ``StoreError``: a ``StoreRefusal`` that `body` throws becomes one holding its message alone; any
    ///   other failure reads `cannot PURPOSE the NOUN postgres://…: REASON`.
    func run<Result: Sendable>(
        _ purpose: String,
        _ body: @Sendable (PostgresConnection, Logger) async throws -> Result
    ) async throws(StoreError) -> Result {
        await self.gate.enter()
        defer { self.gate.leave() }
        let connection = try await self.connection(for: purpose)
        do {
            return try await body(connection, self.logger)
        } catch {
            if let refusal = error as? StoreRefusal { throw refusal.error }
            await self.forgetIfLost(connection, after: error)
            throw StoreError("cannot \(purpose) the \(self.noun) \(self.endpoint): \(Self.reason(error))")
        }
    }

    func close() async {
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
                throw StoreError("cannot \(purpose) the \(self.noun) \(self.endpoint): \(Self.reason(error))")
            }
        case .closed:
            throw StoreError("cannot \(purpose) the \(self.noun) \(self.endpoint): it is closed")
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
        password: String?,
        noun: String
    ) throws(StoreError) -> PostgresConnection.Configuration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        let context: NIOSSLContext
        do { context = try NIOSSLContext(configuration: tls) } catch {
            throw StoreError("cannot open the \(noun) \(endpoint): cannot set up TLS: \(Self.reason(error))")
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
