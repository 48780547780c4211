import Foundation
import TestSupport
import Testing

/// `versiongate clients …` on a SQLite registry: a token is printed once and stored nowhere, every change is in
/// the audit trail, and bad input is one line and a non-zero exit with nothing written.
@Suite struct ClientsCommandTests {
    private let directory = try! TemporaryDirectory.make()
    private var store: String { "sqlite:" + self.directory.appendingPathComponent("registry.db").path }

    private func clients(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try runVersiongate(["clients"] + arguments + ["--store", self.store], in: self.directory)
    }

    /// Creates a client and returns its id and token from what `create` printed.
    private func create(_ name: String, _ extra: [String] = []) throws -> (id: String, token: String) {
        let (status, output) = try self.clients(
            ["create", "--name", name, "--env", "live", "--versions", repositoryVersions] + extra
        )
        try #require(status == 0, "\(output)")
        let created = try #require(output.split(separator: "\n").first { $0.hasPrefix("created ") }, "\(output)")
        let id = String(created.split(separator: " ")[1])
        let token = try #require(
            output.split(separator: "\n").first { $0.hasPrefix("token: ") }.map { String($0.dropFirst(7)) }
        )
        return (id, token)
    }

    /// Reading commands never create a store: a mistyped path is one line, not a new empty registry.
    @Test func listingAMissingRegistryCreatesNothing() throws {
        for arguments in [["list"], ["show", "cl_aaaaaaaaaaaa"]] {
            let (status, output) = try self.clients(arguments)
            #expect(status == 1)
            #expect(output.hasPrefix("versiongate: no client registry at "), "\(output)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: self.directory.path).isEmpty)
        }
    }

    @Test func aTokenIsPrintedOnceAndStoredOnlyAsItsDigest() throws {
        let (id, token) = try self.create("acme", ["--pin", "v1"])
        #expect(id.hasPrefix("cl_"))
        #expect(token.hasPrefix("vg_live_") && token.count == 44)
        let (_, list) = try self.clients(["list"])
        #expect(list.contains(id) && list.contains("acme") && list.contains("v1") && list.contains("active"))
        #expect(!list.contains(token))
        #expect(list.contains(String(token.prefix(12)) + "…"))
        for name in try FileManager.default.contentsOfDirectory(atPath: self.directory.path) {
            let bytes = try Data(contentsOf: self.directory.appendingPathComponent(name))
            #expect(bytes.range(of: Data(token.utf8)) == nil, "\(name) holds the token")
            #expect(bytes.range(of: Data(token.suffix(30).utf8)) == nil, "\(name) holds the token's random part")
        }
    }

    @Test func everyChangeIsInTheAuditTrail() throws {
        let (id, first) = try self.create("acme")
        let released = repositoryRoot.appendingPathComponent("examples/schedule/versions").path
        #expect(try self.clients(["pin", id, "v2", "--versions", released]).status == 0)
        #expect(try self.clients(["unpin", id]).status == 0)
        let rotated = try self.clients(["rotate", id, "--grace", "24h"])
        #expect(rotated.status == 0)
        #expect(!rotated.output.contains(first))
        #expect(try self.clients(["revoke", id]).status == 0)
        let (status, show) = try self.clients(["show", id])
        #expect(status == 0)
        #expect(show.contains("state: revoked"))
        let actions = show.split(separator: "\n").compactMap { line in
            ["create", "pin", "unpin", "rotate", "revoke"].first { line.contains("  \($0)  ") }
        }
        #expect(actions == ["create", "pin", "unpin", "rotate", "revoke"])
        #expect(show.contains("pinned to v2") && show.contains("old token works until"))
    }

    /// One old token is kept: rotating again while one is in its grace stops it, and says so.
    @Test func aSecondRotationInTheGraceSaysItEndsTheFirst() throws {
        let (id, _) = try self.create("acme")
        #expect(try self.clients(["rotate", id, "--grace", "1h"]).status == 0)
        let (status, output) = try self.clients(["rotate", id, "--grace", "1h"])
        #expect(status == 0)
        #expect(output.contains("the token rotated out before, still in its grace, stopped at once"))
        let (_, show) = try self.clients(["show", id])
        #expect(show.contains("; the token rotated out before it stopped at once"), "\(show)")
    }

    @Test func badInputIsOneLineAndWritesNothing() throws {
        let (id, _) = try self.create("acme")
        let cases: [[String]] = [
            ["create", "--name", "acme", "--env", "live"],
            ["create", "--name", "other", "--env", "live", "--pin", "v9", "--versions", repositoryVersions],
            ["pin", "cl_nonexistent", "v1", "--versions", repositoryVersions],
            ["rotate", id, "--grace", "forever"],
            ["show", "cl_nonexistent"],
            ["show", "vg_live_" + String(repeating: "a", count: 36)],
            ["revoke", "Bearer vg_live_" + String(repeating: "a", count: 36)],
            ["rotate", "token: vg_live_" + String(repeating: "a", count: 36)],
            ["create", "--name", "vg_live_" + String(repeating: "a", count: 36), "--env", "live"],
            ["create", "--name", "Acme", "--env", "live"],
            ["create", "--name", "acme ", "--env", "live"],
            ["create", "--name", "evil\u{202E}gpj.exe", "--env", "live"],
            ["create", "--name", String(repeating: "é", count: 33), "--env", "live"],
        ]
        for arguments in cases {
            let (status, output) = try self.clients(arguments)
            #expect(!output.contains("vg_live_aaaa"), "\(arguments): \(output)")
            #expect(status != 0, "\(arguments): \(output)")
            #expect(output.split(separator: "\n").count == 1, "\(arguments): \(output)")
        }
        let (_, list) = try self.clients(["list"])
        #expect(list.split(separator: "\n").count == 2, "\(list)")
    }
}
