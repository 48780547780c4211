import Foundation
import TestSupport
import Testing

/// A client registry driven by the `versiongate clients` commands, as an operator drives it, and gateways that
/// check tokens against it.
struct RegisteredClients {
    /// `sqlite:PATH` or `postgres://…`.
    let store: String
    let directory: URL
    /// The versions pins are checked against and gateways serve.
    var versions = repositoryVersions

    /// Runs `versiongate clients ARGUMENTS --store STORE`; a non-zero exit is recorded as an issue.
    @discardableResult
    func run(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let (status, output) = try runVersiongate(
            ["clients"] + arguments + ["--store", self.store],
            in: self.directory
        )
        #expect(status == 0, "\(arguments): \(output)", sourceLocation: sourceLocation)
        return output
    }

    /// Creates a client and returns its id and token from what `create` printed.
    func create(_ name: String, env: String = "live", _ extra: [String] = []) throws -> (id: String, token: String) {
        let output = try self.run(["create", "--name", name, "--env", env, "--versions", self.versions] + extra)
        let created = try #require(output.split(separator: "\n").first { $0.hasPrefix("created ") }, "\(output)")
        let token = try #require(
            output.split(separator: "\n").first { $0.hasPrefix("token: ") }.map { String($0.dropFirst(7)) }
        )
        return (String(created.split(separator: " ")[1]), token)
    }

    /// The new token `rotate` printed.
    func rotate(_ id: String, grace: String? = nil) throws -> String {
        let output = try self.run(["rotate", id] + (grace.map { ["--grace", $0] } ?? []))
        return try #require(
            output.split(separator: "\n").first { $0.hasPrefix("token: ") }.map { String($0.dropFirst(7)) },
            "\(output)"
        )
    }

    /// `versiongate serve` in front of `upstream` on ``versions``, checking tokens against the
    /// registry, its ledger in the registry's store.
    func gateway(upstream: String, _ extra: [String]) throws -> RunningVersiongate {
        try RunningVersiongate(
            [
                "serve", "--port", "0", "--upstream", upstream, "--versions", self.versions, "--store", self.store,
            ] + extra,
            in: self.directory
        )
    }
}

/// One request to the gateway, presenting `token` when given.
func send(
    to port: Int,
    token: String?,
    target: String = "/echo",
    headers: [(String, String)] = []
) throws -> RawResponse {
    let client = try RawHTTPClient(port: port)
    var fields = headers
    if let token { fields.append(("Authorization", "Bearer " + token)) }
    return try client.request("GET", target, headers: fields + [("Connection", "close")])
}

/// Whether every gateway in `ports` answers `token` with `status` within `seconds`, asking every 20 ms.
func answers(_ status: Int, to token: String, on ports: [Int], within seconds: Double) throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    var pending = Set(ports)
    while !pending.isEmpty {
        for port in pending where try send(to: port, token: token).status == status { pending.remove(port) }
        guard Date() < deadline else { return pending.isEmpty }
        usleep(20_000)
    }
    return true
}
