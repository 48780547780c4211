import Foundation
import Store
import TestSupport
import Testing

/// The usage ledger on PostgreSQL end to end: real `demo` processes counting into a real server, stopped with
/// SIGTERM, then read back with `versiongate report deprecations`. Each test has a database (or a cluster) of its own.
/// The time limit only guards against a hang; every wait inside is bounded too.
@Suite(
    .enabled(if: TestPostgres.isConfigured, "set VERSIONGATE_TEST_POSTGRES_URL to run them"),
    .timeLimit(.minutes(3))
)
struct PostgresLedgerEndToEndTests {
    /// One fingerprint key for every gateway, so that a token has the same fingerprint in each.
    static let environment = ["VERSIONGATE_FINGERPRINT_KEY": "a ledger end-to-end key, 32 bytes"]

    /// A password the tests hand over or mistype: it must never be printed.
    static let password = "s3cr3t-Pa55"

    /// Proves that PostgreSQL counts exactly what SQLite does: the same traffic, written only by the flush at a
    /// graceful stop, reads back to the request, and the raw token is neither printed nor stored.
    @Test func everyRequestIsInThePostgresLedgerAfterAGracefulStopAndNoTokenAnywhere() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            let store = endpoint.description
            let demo = try Self.demo(store: store, flushInterval: "3600")
            try LedgerEndToEndTests.sendTraffic(to: demo.port)
            #expect(demo.stop() == 0)
            let log = demo.remainingOutput()
            #expect(!log.contains(LedgerEndToEndTests.token))
            #expect(!log.contains("usage store unavailable"), "\(log)")
            try LedgerEndToEndTests.expectCounts(try Self.report(store))
            for table in ["request_usage", "change_usage"] {
                let holding = try await TestPostgres.integers(
                    "SELECT count(*) FROM \(table) t WHERE t::text LIKE '%\(LedgerEndToEndTests.token)%'",
                    on: endpoint
                )
                #expect(holding == [0], "\(table) holds the raw token")
            }
        }
    }

    /// Proves that gateways sharing one ledger add their counts up: two `demo` processes writing the same database
    /// (every 0.2 s and at stop, so their writes interleave) show exactly twice one gateway's counts, none lost and
    /// none counted twice.
    @Test func twoGatewaysWritingOneLedgerAddUpExactly() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            let store = endpoint.description
            let gateways = try [Self.demo(store: store), Self.demo(store: store)]
            #expect(gateways[0].port != gateways[1].port)
            for gateway in gateways { try LedgerEndToEndTests.sendTraffic(to: gateway.port) }
            for gateway in gateways {
                #expect(gateway.stop() == 0)
                let log = gateway.remainingOutput()
                #expect(!log.contains(LedgerEndToEndTests.token))
                #expect(!log.contains("usage store unavailable"), "\(log)")
            }
            try LedgerEndToEndTests.expectCounts(try Self.report(store), times: 2)
        }
    }

    /// Proves that an outage loses nothing and stays quiet: with PostgreSQL stopped under traffic the gateway keeps
    /// answering, counts in memory, logs the outage once, writes everything once the server is back (on its own,
    /// before any stop), and the ledger holds every request of the three phases exactly once.
    @Test func aStoreOutageUnderTrafficLosesNoCountAndLogsOneLine() throws {
        let postgres = try PrivatePostgres()
        defer { postgres.destroy() }
        let demo = try Self.demo(store: postgres.url)
        try LedgerEndToEndTests.sendTraffic(to: demo.port)
        try postgres.stop()
        try LedgerEndToEndTests.sendTraffic(to: demo.port)
        let down = try demo.waitForLine { $0.contains("usage store unavailable") }
        #expect(down != nil, "no outage logged: \(demo.text)")
        try postgres.start()
        try LedgerEndToEndTests.sendTraffic(to: demo.port)
        // Retries back off from 1 s doubling to 60 s: wait at most that long (waitForLine gives up after 10 s).
        var back: Substring?
        for _ in 0..<7 where back == nil {
            back = try demo.waitForLine { $0.contains("usage store reachable again") }
        }
        #expect(back != nil, "the store was not written again before stopping: \(demo.text)")
        #expect(demo.stop() == 0)
        let log = demo.remainingOutput()
        #expect(log.split(separator: "\n").count(where: { $0.contains("usage store unavailable") }) == 1, "\(log)")
        #expect(log.split(separator: "\n").count(where: { $0.contains("usage store reachable again") }) == 1, "\(log)")
        #expect(!log.contains("could not be written"), "\(log)")
        #expect(!log.contains(LedgerEndToEndTests.token))
        try LedgerEndToEndTests.expectCounts(try Self.report(postgres.url), times: 3)
    }

    /// How a store is unreachable at start-up.
    enum Unreachable: String, Sendable, CaseIterable {
        /// Nothing listens on the port: the connection is refused.
        case refused
        /// Something listens but never answers (a hung server): only a time-out ends the attempt.
        case silent
    }

    /// Proves that a gateway does not start without its ledger, nor hangs: `serve` and `demo` with an unreachable
    /// PostgreSQL exit with status 1 after one line on standard error naming the store, and print no password.
    @Test(arguments: ["serve", "demo"], Unreachable.allCases)
    func anUnreachableStoreStopsTheStartInOneLine(command: String, server: Unreachable) throws {
        // A silent server is a socket that listens and never accepts; a refused port is one held without listening.
        let held = try ListeningTCPSocket(listening: server == .silent)
        let store = "postgres://vg@127.0.0.1:\(held.port)/ledger"
        let result = try withExtendedLifetime(held) {
            try BoundedProcess.versiongate(
                Self.startArguments(command, store: store),
                environment: ["PGPASSWORD": Self.password]
            )
        }
        #expect(!result.timedOut, "still running after 60 s")
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1, "\(result.standardError)")
        #expect(result.errorLines.first?.hasPrefix("versiongate: cannot open the usage store \(store): ") == true)
        #expect(result.standardOutput.isEmpty, "\(result.standardOutput)")
        #expect(!(result.standardOutput + result.standardError).contains(Self.password))
    }

    /// Proves that a `--store` value the gateway cannot use is refused before anything starts, in one line that
    /// names the option and says what is wrong, and that a password typed into the URL is never repeated.
    @Test(
        arguments: ["serve", "demo"],
        ["mysql://x", "postgres://u:pw@h/db", "postgres://vg:s3cr3t-Pa55@127.0.0.1/l"]
    )
    func aBadStoreValueIsRefusedInOneLineWithoutItsPassword(command: String, store: String) throws {
        let result = try BoundedProcess.versiongate(Self.startArguments(command, store: store))
        #expect(!result.timedOut, "still running after 60 s")
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1, "\(result.standardError)")
        #expect(result.errorLines.first?.hasPrefix("versiongate: --store: the usage store ") == true)
        let printed = result.standardOutput + result.standardError
        #expect(!printed.contains(":pw@") && !printed.contains(Self.password), "\(printed)")
    }

    /// A `demo` on free ports counting into `store`.
    static func demo(store: String, flushInterval: String = "0.2") throws -> RunningVersiongate {
        try RunningVersiongate(
            ["demo", "--port", "0", "--upstream-port", "0", "--store", store, "--flush-interval", flushInterval],
            environment: Self.environment
        )
    }

    /// The arguments that start `serve` or `demo` on free ports with the ledger in `store`.
    static func startArguments(_ command: String, store: String) -> [String] {
        let ports =
            command == "serve"
            ? ["--port", "0", "--upstream", "http://127.0.0.1:1", "--versions", repositoryVersions]
            : ["--port", "0", "--upstream-port", "0"]
        return [command] + ports + ["--store", store]
    }

    /// The JSON report of `store`, read as a tool would (from standard output alone).
    static func report(_ store: String) throws -> [String: Any] {
        let result = try BoundedProcess.versiongate(
            ["report", "deprecations", "--store", store, "--versions", repositoryVersions, "--format", "json", "--all"]
        )
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!(result.standardOutput + result.standardError).contains(LedgerEndToEndTests.token))
        let json = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
        return try #require(json as? [String: Any], "\(result.standardOutput)")
    }
}
