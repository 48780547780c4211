import Foundation
import PostgresNIO
import Store
import TestSupport

extension TestPostgres {
    /// Opens the client registry in `endpoint`'s database, runs `body` with it and closes it, also when `body` throws.
    static func withRegistry<Result>(
        _ endpoint: PostgresEndpoint,
        _ body: (any ClientRegistry) async throws -> Result
    ) async throws -> Result {
        let registry = try await ClientRegistries.open(
            .postgres(endpoint),
            environment: ProcessInfo.processInfo.environment
        )
        do {
            let result = try await body(registry)
            await registry.close()
            return result
        } catch {
            await registry.close()
            throw error
        }
    }

    /// Runs `body` with the notifications of `channel`, received on a connection of its own (as a gateway would),
    /// listening before `body` starts.
    static func listening<Result>(
        to channel: String,
        on endpoint: PostgresEndpoint,
        _ body: (PostgresNotificationSequence) async throws -> Result
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
        let logger = Logger(label: "TestPostgres.listen")
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            let result = try await connection.listen(on: channel, consume: body)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
