import Foundation
import Store

/// Reads the usage ledger for the offline commands (`report`, `check client --client`): read-only, so that a
/// command can never create or alter what a gateway writes.
enum LedgerReader {
    /// The ledger's rows from `since` on.
    /// - Parameter store: `--store` as given (`sqlite:PATH`, `postgres://…`).
    /// - Throws: a ``CommandFailure`` in one line: a location that does not parse, a SQLite file that does not
    ///   exist, or a store that cannot be opened or read.
    static func read(_ store: String, since: UsageDay) async throws -> UsageBatch {
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
            do {
                let usage = try await ledger.usage(since: since)
                await ledger.close()
                return usage
            } catch {
                await ledger.close()
                throw error
            }
        } catch let error as StoreError {
            throw CommandFailure(message: error.description)
        }
    }
}
