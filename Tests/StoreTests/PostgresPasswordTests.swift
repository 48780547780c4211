import Foundation
import Store
import TestSupport
import Testing

@Suite struct PostgresPasswordTests {
    private let endpoint = PostgresEndpoint(user: "vg", host: "db.internal", port: 5432, database: "ledger")

    @Test(arguments: [
        ("db.internal:5432:ledger:vg:exact", "exact"),
        ("*:*:*:*:anything", "anything"),
        ("other:5432:ledger:vg:no\n*:5432:ledger:vg:second", "second"),
        ("db.internal:5433:ledger:vg:no\ndb.internal:*:ledger:vg:any-port", "any-port"),
        ("db.internal:5432:ledger:vg:first\n*:*:*:*:later", "first"),
        ("# a comment\n\n*:*:*:vg:after-comment", "after-comment"),
        ("*:*:*:vg:pa\\:ss\\\\word", "pa:ss\\word"),
        ("*:*:*:vg:until:the:next:colon", "until"),
        ("*:*:*:vg:windows\r\n", "windows"),
        ("*:*:*:vg:trailing\\", "trailing\\"),
    ])
    func firstMatchingLineGivesThePassword(passfile: String, password: String) {
        #expect(PostgresPassword.lookUp(in: passfile, for: self.endpoint) == password)
    }

    @Test(arguments: [
        "",
        "db.internal:5432:ledger:other:no",
        "db.internal:5432:other:vg:no",
        "db.internal:5433:ledger:vg:no",
        "DB.internal:5432:ledger:vg:case-matters",
        "db.internal:5432:ledger:vg",
        "\\*:*:*:*:escaped-star-is-literal",
        "*x:*:*:*:star-must-be-the-whole-field",
        "db.internal:5432:ledger:vg:",
    ])
    func noMatchingLineGivesNone(passfile: String) {
        #expect(PostgresPassword.lookUp(in: passfile, for: self.endpoint) == nil)
    }

    @Test func ipv6HostsMatchWithEscapedColons() {
        let endpoint = PostgresEndpoint(user: "vg", host: "::1", database: "ledger")
        #expect(PostgresPassword.lookUp(in: "\\:\\:1:5432:ledger:vg:loopback", for: endpoint) == "loopback")
    }

    @Test func pgpasswordComesFirst() async throws {
        let environment = ["PGPASSWORD": "from-env", "PGPASSFILE": "/nonexistent/passfile"]
        #expect(try await PostgresPassword.find(for: self.endpoint, environment: environment) == "from-env")
    }

    @Test func passfileIsReadWhenPgpasswordIsUnsetOrEmpty() async throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: directory) }
        let passfile = directory.appendingPathComponent("pgpass").path
        try "*:*:ledger:vg:from-file\n".write(toFile: passfile, atomically: true, encoding: .utf8)
        #expect(
            try await PostgresPassword.find(for: self.endpoint, environment: ["PGPASSFILE": passfile]) == "from-file"
        )
        let environment = ["PGPASSWORD": "", "PGPASSFILE": passfile]
        #expect(try await PostgresPassword.find(for: self.endpoint, environment: environment) == "from-file")
    }

    @Test func noPasswordWithoutEither() async throws {
        #expect(try await PostgresPassword.find(for: self.endpoint, environment: ["HOME": "/root"]) == nil)
    }

    @Test func unreadablePassfileIsAnErrorNamingIt() async {
        let error = await #expect(throws: StoreError.self) {
            try await PostgresPassword.find(for: self.endpoint, environment: ["PGPASSFILE": "/nonexistent/pgpass"])
        }
        #expect(error?.description == "cannot read PGPASSFILE /nonexistent/pgpass: No such file or directory")
    }

    /// A secret file as a container secret store mounts it: the whole file, without its line break.
    @Test func aPasswordFileIsReadWhole() async throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("db-password").path
        let environment = ["PGPASSWORD_FILE": file, "PGPASSFILE": "/nonexistent/passfile"]
        for ending in ["", "\n", "\r\n"] {
            try ("s3cr3t:with:colons" + ending).write(toFile: file, atomically: true, encoding: .utf8)
            #expect(
                try await PostgresPassword.find(for: self.endpoint, environment: environment) == "s3cr3t:with:colons"
            )
        }
    }

    @Test func aPasswordAndAPasswordFileAreOneTooMany() async {
        let error = await #expect(throws: StoreError.self) {
            try await PostgresPassword.find(
                for: self.endpoint,
                environment: ["PGPASSWORD": "s3cr3t", "PGPASSWORD_FILE": "/run/secrets/db"]
            )
        }
        #expect(error?.description == "set PGPASSWORD or PGPASSWORD_FILE, not both")
        let unreadable = await #expect(throws: StoreError.self) {
            try await PostgresPassword.find(for: self.endpoint, environment: ["PGPASSWORD_FILE": "/nonexistent/db"])
        }
        #expect(unreadable?.description == "cannot read PGPASSWORD_FILE /nonexistent/db: No such file or directory")
    }
}
