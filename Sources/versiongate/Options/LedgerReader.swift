import Clients
import Foundation
import Store

/// Reads the usage ledger for the offline commands (`report`, `check client --client`): read-only, so that a
/// command can never create or alter what a gateway writes.
enum LedgerReader {
    /// The ledger's rows from `since` on.
    /// - Parameters:
    ///   - store: `--store` as given (`sqlite:PATH`, `postgres://…`).
    ///   - environment: only the traffic of `live` clients (everyone but the registry's test clients) or of `test`
    ///     clients; nil for all of it.
    /// - Throws: a ``CommandFailure`` in one line: a location that does not parse, a SQLite file that does not
    ///   exist, or a store that cannot be opened or read.
    static func read(
        _ store: String,
        since: UsageDay,
        environment: ClientToken.Environment? = nil
    ) async throws -> UsageBatch {
        let location: StoreLocation
        do { location = try StoreLocation(parsing: store) } catch {
            throw CommandFailure(message: "--store: \(error)")
        }
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure(
                message:
                    "no usage ledger at \(path): a gateway writes one there when it serves with --store \(location)"
            )
        }
        do {
            let ledger = try await UsageStores.open(
                location,
                environment: ProcessInfo.processInfo.environment,
                readOnly: true
            )
            let usage: UsageBatch
            do {
                usage = try await ledger.usage(since: since)
                await ledger.close()
            } catch {
                await ledger.close()
                throw error
            }
            guard let environment else { return usage }
            let testClients = Set(
                try await Self.registeredClients(at: location)
                    .filter { $0.environment == ClientToken.Environment.test.rawValue }.map(\.id)
            )
            return usage.filter { testClients.contains($0) == (environment == .test) }
        } catch let error as StoreError {
            throw CommandFailure(message: error.description)
        }
    }

    /// The id of the registered client named `name` (names compare as ``RegisteredClient/nameKey`` does), so that a
    /// command may name a client as people do; nil when none is.
    /// - Throws: a ``CommandFailure`` in one line when the registry cannot be read.
    static func registeredID(named name: String, store: String) async throws -> String? {
        let wanted = RegisteredClient.nameKey(of: name)
        let location: StoreLocation
        do { location = try StoreLocation(parsing: store) } catch {
            throw CommandFailure(message: "--store: \(error)")
        }
        do {
            return try await Self.registeredClients(at: location).first { $0.nameKey == wanted }?.id
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    /// The registry's clients, read from the ledger's database without writing to it.
    private static func registeredClients(at location: StoreLocation) async throws(StoreError) -> [RegisteredClient] {
        let registry = try await ClientRegistries.open(
            location,
            environment: ProcessInfo.processInfo.environment,
            readOnly: true
        )
        do {
            let clients = try await registry.clients()
            await registry.close()
            return clients
        } catch {
            await registry.close()
            throw error
        }
    }
}
