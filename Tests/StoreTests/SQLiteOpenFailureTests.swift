import Foundation
import SQLiteNIO
import Testing

@testable import Store

@Suite struct SQLiteOpenFailureTests {
    @Test func missingDirectoryIsNamed() async throws {
        try await SQLiteFixture.run { fixture in
            let directory = fixture.directory.appendingPathComponent("missing").path
            let path = directory + "/usage.db"
            let error = await #expect(throws: StoreError.self) {
                try await UsageStores.open(.sqlite(path: path), environment: [:])
            }
            #expect(
                error?.description
                    == "cannot open the usage store sqlite:\(path): the directory \(directory) does not exist"
            )
        }
    }

    @Test func fileThatIsNotADatabaseIsRefused() async throws {
        try await SQLiteFixture.run { fixture in
            try String(repeating: "not a database, just text\n", count: 100)
                .write(toFile: fixture.path, atomically: true, encoding: .utf8)
            let error = await #expect(throws: StoreError.self) {
                try await UsageStores.open(fixture.location, environment: [:])
            }
            #expect(
                error?.description
                    == "cannot open the usage store \(fixture.location): the file is not a SQLite database"
            )
        }
    }

    @Test func directoryInsteadOfAFileIsRefused() async throws {
        try await SQLiteFixture.run { fixture in
            let path = fixture.directory.path
            let error = await #expect(throws: StoreError.self) {
                try await UsageStores.open(.sqlite(path: path), environment: [:])
            }
            #expect(error?.description == "cannot open the usage store sqlite:\(path): \(path) is a directory")
        }
    }

    // Root reads and writes any file, so the refusal can only be seen as another user.
    @Test(.enabled(if: getuid() != 0, "root is never denied permission"))
    func fileWithoutPermissionIsRefused() async throws {
        try await SQLiteFixture.run { fixture in
            try await fixture.withStore { _ in }
            try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: fixture.path)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: fixture.path) }
            let error = await #expect(throws: StoreError.self) {
                try await UsageStores.open(fixture.location, environment: [:])
            }
            #expect(
                error?.description
                    == "cannot open the usage store \(fixture.location): permission denied to read and write the file"
            )
        }
    }

    @Test func schemaNewerThanThisProgramIsRefused() async throws {
        try await SQLiteFixture.run { fixture in
            try await fixture.withStore { _ in }
            _ = try await fixture.rawQuery("INSERT INTO schema_migrations (version, applied_at) VALUES (7, 0)")
            let error = await #expect(throws: StoreError.self) {
                try await UsageStores.open(fixture.location, environment: [:])
            }
            #expect(
                error?.description
                    == "cannot open the usage store \(fixture.location): its schema is at migration 7, newer than the 4 "
                    + "this versiongate knows; upgrade versiongate"
            )
            #expect(try await fixture.rawQuery("SELECT max(version) FROM schema_migrations") == [.integer(7)])
        }
    }

    @Test(arguments: [("usage.db", "."), ("/usage.db", "/"), ("data/usage.db", "data"), ("/a/b/usage.db", "/a/b")])
    func directoryOfAPath(path: String, directory: String) {
        #expect(SQLiteSession.directory(of: path) == directory)
    }
}
