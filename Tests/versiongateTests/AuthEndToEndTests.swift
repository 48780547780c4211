import Clients
import Foundation
import TestSupport
import Testing

/// `serve --auth` end to end on a SQLite registry: real `versiongate clients` commands, a real gateway, real
/// upstreams that record what they receive. The time limit only guards against a hang; every wait is bounded.
@Suite(.timeLimit(.minutes(2))) struct AuthEndToEndTests {
    private let registry: RegisteredClients

    init() throws {
        let directory = try TemporaryDirectory.make()
        self.registry = RegisteredClients(
            store: "sqlite:" + directory.appendingPathComponent("gateway.db").path,
            directory: directory
        )
    }

    /// Two upstreams, a live client and a test client, and a gateway requiring tokens with the second upstream as
    /// the sandbox.
    private func liveAndSandbox() async throws -> (
        live: EchoUpstream, sandbox: EchoUpstream, liveClient: (id: String, token: String),
        testClient: (id: String, token: String), gateway: RunningVersiongate
    ) {
        let (live, sandbox) = (try await EchoUpstream.start(), try await EchoUpstream.start())
        let liveClient = try self.registry.create("acme")
        let testClient = try self.registry.create("acme-staging", env: "test")
        let gateway = try self.registry.gateway(
            upstream: live.url,
            ["--auth", "required", "--sandbox-upstream", sandbox.url]
        )
        return (live, sandbox, liveClient, testClient, gateway)
    }

    /// Proves revocation at once: once `clients revoke` returns, the running gateway refuses the token within a
    /// second, without a restart, with a 401 that never quotes it.
    @Test func aRevokedTokenIsRefusedWithinASecond() async throws {
        let upstream = try await EchoUpstream.start()
        let (id, token) = try self.registry.create("acme")
        let gateway = try self.registry.gateway(upstream: upstream.url, ["--auth", "required", "--threads", "2"])
        #expect(try send(to: gateway.port, token: token).status == 200)
        try self.registry.run(["revoke", id])
        #expect(try answers(401, to: token, on: [gateway.port], within: 1))
        let refused = try send(to: gateway.port, token: token)
        #expect(refused.header("WWW-Authenticate")?.contains(#"error="invalid_token""#) == true)
        #expect(refused.text.contains("revoked") && !refused.text.contains(token))
        #expect(gateway.stop() == 0)
        #expect(!gateway.remainingOutput().contains(token))
        try await upstream.stop()
    }

    @Test func requiredRefusesNoTokenAndTheHealthEndpointStaysOpen() async throws {
        let upstream = try await EchoUpstream.start()
        let gateway = try self.registry.gateway(upstream: upstream.url, ["--auth", "required"])
        let anonymous = try send(to: gateway.port, token: nil)
        #expect(anonymous.status == 401)
        #expect(anonymous.header("WWW-Authenticate") == #"Bearer realm="versiongate""#)
        #expect(anonymous.header("Content-Type") == "application/problem+json")
        #expect(try send(to: gateway.port, token: nil, target: "/_versiongate/health").status == 200)
        #expect(upstream.requestsReceived == 0)
        #expect(gateway.stop() == 0)
        try await upstream.stop()
    }

    /// Proves rotation: with a grace both tokens work until it ends; without one the old token stops at once.
    @Test func rotationKeepsTheOldTokenOnlyForItsGrace() async throws {
        let upstream = try await EchoUpstream.start()
        let (id, first) = try self.registry.create("acme")
        let gateway = try self.registry.gateway(upstream: upstream.url, ["--auth", "required"])
        let second = try self.registry.rotate(id, grace: "1h")
        #expect(try answers(200, to: second, on: [gateway.port], within: 1))
        #expect(try send(to: gateway.port, token: first).status == 200)
        let third = try self.registry.rotate(id)
        #expect(try answers(401, to: second, on: [gateway.port], within: 1))
        #expect(try send(to: gateway.port, token: second).text.contains("replaced"))
        #expect(try send(to: gateway.port, token: first).status == 401)
        #expect(try send(to: gateway.port, token: third).status == 200)
        #expect(gateway.stop() == 0)
        try await upstream.stop()
    }

    /// Proves test and live stay apart: each upstream receives only its own environment's requests, the upstream
    /// learns the client's id and never its token, and a test token on a gateway without a sandbox gets 403.
    @Test func testTrafficReachesOnlyTheSandboxAndLiveOnlyTheUpstream() async throws {
        let (live, sandbox, liveClient, testClient, gateway) = try await self.liveAndSandbox()
        let echo = [("X-Echo-Fields", "yes"), ("X-Client-ID", "spoofed")]
        let liveAnswer = try send(to: gateway.port, token: liveClient.token, headers: echo)
        #expect(liveAnswer.header("X-Echo-X-Client-ID") == liveClient.id)
        #expect(liveAnswer.header("X-Echo-Authorization") == nil)
        #expect((live.requestsReceived, sandbox.requestsReceived) == (1, 0))
        let testAnswer = try send(to: gateway.port, token: testClient.token, headers: echo)
        #expect(testAnswer.header("X-Echo-X-Client-ID") == testClient.id)
        #expect((live.requestsReceived, sandbox.requestsReceived) == (1, 1))
        #expect(gateway.stop() == 0)

        let withoutSandbox = try self.registry.gateway(upstream: live.url, ["--auth", "required"])
        let refused = try send(to: withoutSandbox.port, token: testClient.token)
        #expect(refused.status == 403)
        #expect(refused.text.contains("sandbox"))
        #expect((live.requestsReceived, sandbox.requestsReceived) == (1, 1))
        #expect(withoutSandbox.stop() == 0)
        try await live.stop()
        try await sandbox.stop()
    }

    /// Proves pins: a pinned client gets its pin without a header, and `--pin-on-first-request` pins an unpinned
    /// client to the default of the day it first calls, in the audit trail; `API-Version-Source` says which. On the
    /// schedule example: v1 deprecated, v2 current.
    @Test func pinsServeRequestsThatNameNoVersion() async throws {
        let upstream = try await EchoUpstream.start()
        var registry = self.registry
        registry.versions = repositoryRoot.appendingPathComponent("examples/schedule/versions").path
        let pinned = try registry.create("pinned", ["--pin", "v1"])
        let fresh = try registry.create("fresh")
        let gateway = try registry.gateway(upstream: upstream.url, ["--auth", "required", "--pin-on-first-request"])
        let byPin = try send(to: gateway.port, token: pinned.token)
        #expect(byPin.header("API-Version") == "v1")
        #expect(byPin.header("API-Version-Source") == "pin")
        let byHeader = try send(to: gateway.port, token: pinned.token, headers: [("API-Version", "v2")])
        #expect(byHeader.header("API-Version") == "v2")
        #expect(byHeader.header("API-Version-Source") == "header")
        let first = try send(to: gateway.port, token: fresh.token)
        #expect(first.header("API-Version") == "v2")
        #expect(first.header("API-Version-Source") == "default")
        var source: String?
        let deadline = Date().addingTimeInterval(5)
        while source != "pin", Date() < deadline {
            usleep(100_000)
            source = try send(to: gateway.port, token: fresh.token).header("API-Version-Source")
        }
        #expect(source == "pin")
        let shown = try registry.run(["show", fresh.id])
        #expect(shown.contains("pinned to v2 on its first request"))
        #expect(gateway.stop() == 0)
        let listed = try registry.run(["list"])
        #expect(!listed.contains("never"), "every client was used: \(listed)")
        try await upstream.stop()
    }

    @Test func aDraftOrRetiredVersionIsNoPin() throws {
        _ = try self.registry.create("acme")
        let (status, output) = try runVersiongate(
            ["clients", "create", "--name", "early", "--env", "live", "--pin", "v2", "--versions", repositoryVersions]
                + ["--store", self.registry.store],
            in: self.registry.directory
        )
        #expect(status == 1)
        #expect(output == "versiongate: v2 is a draft: a client can be pinned to it once it is released\n")
    }

    /// The token's bytes are nowhere: not in the store files, not in what the gateway printed.
    @Test func theTokenIsInNoFileAndNoLog() async throws {
        let upstream = try await EchoUpstream.start()
        let (_, token) = try self.registry.create("acme")
        let gateway = try self.registry.gateway(
            upstream: upstream.url,
            ["--auth", "required", "--access-log", "stdout"]
        )
        #expect(try send(to: gateway.port, token: token).status == 200)
        #expect(
            try send(to: gateway.port, token: String(token.dropLast()) + (token.last == "x" ? "y" : "x")).status == 401
        )
        #expect(gateway.stop() == 0)
        #expect(!gateway.remainingOutput().contains(token.suffix(30)))
        for name in try FileManager.default.contentsOfDirectory(atPath: self.registry.directory.path) {
            let bytes = try Data(contentsOf: self.registry.directory.appendingPathComponent(name))
            #expect(bytes.range(of: Data(token.suffix(30).utf8)) == nil, "\(name) holds the token")
        }
        try await upstream.stop()
    }

    /// Proves reports keep test and live apart: the deprecation report is of live traffic unless `--env test`.
    @Test func reportsKeepTestTrafficApartFromLive() async throws {
        let (live, sandbox, liveClient, testClient, gateway) = try await self.liveAndSandbox()
        for client in [liveClient, testClient] {
            #expect(try send(to: gateway.port, token: client.token).status == 200)
        }
        #expect(gateway.stop() == 0)
        func reported(_ extra: [String]) throws -> String {
            let (status, output) = try runVersiongate(
                ["report", "deprecations", "--store", self.registry.store, "--versions", repositoryVersions, "--all"]
                    + extra,
                in: self.registry.directory
            )
            #expect(status == 0, "\(output)")
            return output
        }
        // Tokens the gateway refused name no client: they are all anonymous, however many there are.
        let refused = try self.registry.gateway(upstream: live.url, ["--auth", "required"])
        for _ in 0..<3 { #expect(try send(to: refused.port, token: ClientToken.generate(.live).secret).status == 401) }
        #expect(refused.stop() == 0)
        let liveReport = try reported([])
        #expect(!liveReport.contains("fp_"), "\(liveReport)")
        let (checked, checkOutput) = try runVersiongate(
            ["check", "client", "--client", "ACME", "--from", "v1", "--to", "v2", "--store", self.registry.store]
                + ["--versions", repositoryVersions],
            in: self.registry.directory
        )
        #expect(checkOutput.contains("request from \(liveClient.id)"), "\(checked): \(checkOutput)")
        #expect(liveReport.contains(liveClient.id) && !liveReport.contains(testClient.id), "\(liveReport)")
        let testReport = try reported(["--env", "test"])
        #expect(testReport.contains(testClient.id) && !testReport.contains(liveClient.id), "\(testReport)")
        try await live.stop()
        try await sandbox.stop()
    }

    /// `demo --auth` starts a second sample API as the sandbox, so a test token works there too.
    @Test func theDemoServesTestTokensFromASandboxOfItsOwn() throws {
        let testClient = try self.registry.create("tester", env: "test")
        let demo = try RunningVersiongate(
            ["demo", "--auth", "required", "--port", "0", "--upstream-port", "0", "--store", self.registry.store],
            in: self.registry.directory
        )
        #expect(demo.text.contains("sandbox (test tokens):"))
        let response = try send(to: demo.port, token: testClient.token, target: "/purchase-orders/po_1")
        #expect(response.status == 200, "\(response.text)")
        #expect(demo.stop() == 0)
    }

    @Test func badAuthSettingsStopTheCommandWithOneLine() throws {
        let cases: [([String], String)] = [
            (["--auth", "sometimes"], "--auth"),
            (["--sandbox-upstream", "http://127.0.0.1:9"], "needs --auth"),
            (["--auth", "required", "--store", "off"], "--store cannot be off"),
            (["--auth", "required", "--sandbox-upstream", "http://127.0.0.1:9"], "must differ"),
            (["--auth", "required", "--sandbox-upstream", "http://localhost:9/sandbox"], "must differ"),
            (["--auth", "required", "--upstream-client-id-header", "api-version"], "sets that field itself"),
        ]
        for (arguments, message) in cases {
            let (status, output) = try runVersiongate(
                ["serve", "--port", "0", "--upstream", "http://127.0.0.1:9", "--versions", repositoryVersions]
                    + ["--store", self.registry.store] + arguments,
                in: self.registry.directory
            )
            #expect(status != 0)
            #expect(output.contains(message), "\(arguments): \(output)")
        }
    }
}
