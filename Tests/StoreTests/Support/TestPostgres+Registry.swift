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
        try await Self.withConnection(to: endpoint, label: "TestPostgres.listen") { connection, _ in
            try await connection.listen(on: channel, consume: body)
        }
    }
}
