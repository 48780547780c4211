import ArgumentParser
import Foundation
import Store

/// Where the client registry lives (the usage ledger's database: `--store`), and who is changing it.
struct RegistryOptions: ParsableArguments {
    @Option(help: "The registry, in the usage ledger's database: sqlite:PATH or postgres://USER@HOST:PORT/DB.")
    var store = UsageOptions.defaultStore

    /// Opens the registry, creating or migrating its tables.
    /// - Throws: a ``CommandFailure`` in one line.
    func open() async throws -> any ClientRegistry {
        let location: StoreLocation
        do { location = try StoreLocation(parsing: self.store) } catch {
            throw CommandFailure(message: "--store: \(error)")
        }
        do {
            return try await ClientRegistries.open(location, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }

    /// Runs `body` with the open registry and closes it, whatever happens; store failures become one line.
    func with<Result>(_ body: (any ClientRegistry) async throws -> Result) async throws -> Result {
        let registry = try await self.open()
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
