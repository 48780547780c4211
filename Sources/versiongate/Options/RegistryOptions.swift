import ArgumentParser
import Foundation
import Store

/// Where the client registry lives (the usage ledger's database: `--store`), and who is changing it.
struct RegistryOptions: ParsableArguments {
    @Option(help: "The registry, in the usage ledger's database: sqlite:PATH or postgres://USER@HOST:PORT/DB.")
    var store = UsageOptions.defaultStore

    /// Opens the registry, creating or migrating its tables unless `readOnly`.
    /// - Parameter readOnly: for commands that only read: a SQLite file must exist, and is never written.
    /// - Throws: a ``CommandFailure`` in one line.
    func open(readOnly: Bool = false) async throws -> any ClientRegistry {
        let location: StoreLocation
        do { location = try StoreLocation(parsing: self.store) } catch {
            throw CommandFailure(message: "--store: \(error)")
        }
        if readOnly, case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure(
                message: "no client registry at \(path): versiongate clients create makes one (--store \(location))"
            )
        }
        do {
            return try await ClientRegistries.open(
                location,
                environment: ProcessInfo.processInfo.environment,
                readOnly: readOnly
            )
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    /// Runs `body` with the open registry and closes it, whatever happens; store failures become one line.
    /// - Parameter readOnly: see ``open(readOnly:)``.
    func with<Result>(
        readOnly: Bool = false,
        _ body: (any ClientRegistry) async throws -> Result
    ) async throws -> Result {
        let registry = try await self.open(readOnly: readOnly)
        do {
            let result = try await body(registry)
            await registry.close()
            return result
        } catch let error as StoreError {
            await registry.close()
            throw CommandFailure(message: error.description)
        } catch {
            await registry.close()
            throw error
        }
    }

    /// Who the audit trail says made a change: the operating system's user running the command.
    static var actor: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(geteuid())"
    }
}
