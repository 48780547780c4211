import Foundation
import SQLiteNIO
import Store
import TestSupport

/// A fresh directory for one test's SQLite files, removed afterwards.
struct SQLiteFixture {
    let directory: URL

    /// The ledger file's path (not created until a store opens it).
    var path: String { self.directory.appendingPathComponent("usage.db").path }

    var location: StoreLocation { .sqlite(path: self.path) }

    /// Runs `body` with a fresh directory and removes it afterwards, whatever happened.
    static func run(_ body: (SQLiteFixture) async throws -> Void) async throws {
        let fixture = SQLiteFixture(directory: try TemporaryDirectory.make(prefix: "versiongate-store"))
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        try await body(fixture)
    }

    /// Opens the ledger (read-only as a report does, if asked), runs `body` with it and closes it, also when `body`
    /// throws.
    func withStore<Result>(
        readOnly: Bool = false,
        _ body: (any UsageStore) async throws -> Result
    ) async throws -> Result {
        let store = try await UsageStores.open(self.location, environment: [:], readOnly: readOnly)
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }

    /// Runs `sql` on the file directly, as another program would, and returns the first column of each row.
    func rawQuery(_ sql: String) async throws -> [SQLiteData] {
        let connection = try await SQLiteConnection.open(storage: .file(path: self.path))
        do {
            let rows = try await connection.query(sql)
            try await connection.close()
            return rows.compactMap { $0.columns.first?.data }
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
