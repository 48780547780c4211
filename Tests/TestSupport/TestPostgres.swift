import Foundation
import PostgresNIO
import Store

/// The PostgreSQL server the tests may use, named by `VERSIONGATE_TEST_POSTGRES_URL`
/// (`postgres://vg@127.0.0.1:PORT/vg_test`, a role that may create databases; `.ci/run` starts one). Without it the
/// PostgreSQL tests are skipped.
public enum TestPostgres {
    public static let url = ProcessInfo.processInfo.environment["VERSIONGATE_TEST_POSTGRES_URL"]

    public static var isConfigured: Bool { Self.url != nil }

    /// Runs `body` with a database created for this test alone (so that tests run in parallel), dropped afterwards.
    public static func withFreshDatabase(_ body: (PostgresEndpoint) async throws -> Void) async throws {
        let server = try Self.serverEndpoint()
        var endpoint = server
        endpoint.database = "vg_test_\(String(UInt64.random(in: .min ... .max), radix: 16))"
        _ = try await Self.query("CREATE DATABASE \(endpoint.database)", on: server)
        do {
            try await body(endpoint)
        } catch {
            _ = try? await Self.query("DROP DATABASE \(endpoint.database) WITH (FORCE)", on: server)
            throw error
        }
        _ = try await Self.query("DROP DATABASE \(endpoint.database) WITH (FORCE)", on: server)
    }

    /// Opens the ledger in `endpoint`'s database, runs `body` with it and closes it, also when `body` throws.
    public static func withStore<Result>(
        _ endpoint: PostgresEndpoint,
        _ body: (any UsageStore) async throws -> Result
    ) async throws -> Result {
        let store = try await UsageStores.open(.postgres(endpoint), environment: ProcessInfo.processInfo.environment)
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }

    /// Runs `sql` on its own connection, as another program would, and returns the rows.
    public static func query(_ sql: String, on endpoint: PostgresEndpoint) async throws -> [PostgresRow] {
        try await Self.withConnection(to: endpoint, label: "TestPostgres") { connection, logger in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect()
        }
    }

    /// Runs `body` with a connection of its own to `endpoint`'s database, as another program would have, and
    /// closes it, also when `body` throws.
    public static func withConnection<Result>(
        to endpoint: PostgresEndpoint,
        label: String,
        _ body: (PostgresConnection, Logger) async throws -> Result
    ) async throws -> Result {
        let password = try await PostgresPassword.find(for: endpoint, environment: ProcessInfo.processInfo.environment)
        let configuration = PostgresConnection.Configuration(
            host: endpoint.host,
            port: endpoint.port,
            username: endpoint.user,
            password: password,
            database: endpoint.database,
            tls: .disable
        )
        let logger = Logger(label: label)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        do {
            let result = try await body(connection, logger)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// The first column of each row of `sql`, as integers.
    public static func integers(_ sql: String, on endpoint: PostgresEndpoint) async throws -> [Int64] {
        try await Self.query(sql, on: endpoint).map { try $0.decode(Int64.self) }
    }

    private static func serverEndpoint() throws -> PostgresEndpoint {
        guard let url = Self.url, case .postgres(let endpoint) = try StoreLocation(parsing: url) else {
            throw StoreError("VERSIONGATE_TEST_POSTGRES_URL is not a postgres:// URL")
        }
        return endpoint
    }
}
