import Logging
import PostgresNIO

/// The usage ledger in a PostgreSQL database, which several gateways share: each adds its counts to the same rows.
///
/// The store keeps one connection (a ``PostgresSession``). When it is lost (the server restarted, the network dropped)
/// the call that notices fails with a ``StoreError``, and the next call connects again, so the flusher's retries find
/// the store working once PostgreSQL is back. Opening brings the schema up to date (numbered migrations, see
/// ``PostgresSchema``).
///
/// TLS is used when the server offers it, without verifying its certificate (libpq's default `sslmode=prefer`).
///
/// Concurrency: an actor holding only constants; its session serialises each call's transaction.
public actor PostgresUsageStore: UsageStore {
    /// How long a connection attempt may take before it fails.
    public static let connectTimeout = PostgresSession.connectTimeout

    private let session: PostgresSession

    private init(session: PostgresSession) {
        self.session = session
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
        let session = try await PostgresSession.open(endpoint, password: password, noun: "usage store", logger: logger)
        return PostgresUsageStore(session: session)
    }

    public func add(_ batch: UsageBatch) async throws(StoreError) {
        guard !batch.isEmpty else { return }
        let rows = StoredRows(batch)
        try await self.session.run("write") { connection, logger in
            try await PostgresSession.transaction(on: connection, logger: logger) { connection, logger in
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
        }
    }

    public func usage(since: UsageDay) async throws(StoreError) -> UsageBatch {
        try await self.session.run("read") { connection, logger in
            // REPEATABLE READ: every table from the same snapshot.
            try await PostgresSession.transaction(
                on: connection,
                begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                logger: logger
            ) { connection, logger in
                try await Self.read(since: since, on: connection, logger: logger)
            }
        }
    }

    public func close() async {
        await self.session.close()
    }
}
