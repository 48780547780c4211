import Foundation
import TestSupport
import Testing

/// README.md's migration checks, run as shown (see ``ReadmeExchangeTests`` for how the page is read):
/// - each `check client --traffic` command prints what the plain block after it shows, first lines first, and exits
///   1 when that says FAIL, 0 when it says PASS;
/// - each `check client --client ID` command reads the ledger that the demo above it writes for traffic from that
///   client, and exits 1 with the client named.
@Suite struct ReadmeCheckTests {
    private static func readme() throws -> ReadmeContract {
        ReadmeContract(try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8))
    }

    @Test func everyTrafficCheckPrintsWhatTheBlockAfterItShows() throws {
        let contract = try Self.readme()
        let checks = contract.commands.filter {
            $0.arguments.starts(with: ["check", "client"]) && $0.value(of: "--traffic") != nil
        }
        #expect(!checks.isEmpty)
        for check in checks {
            let shown = try #require(
                contract.blocks.first { $0.line > check.line && $0.info.isEmpty },
                "README.md:\(check.line): no output shown after it"
            )
            let (status, output) = try runVersiongate(
                check.arguments,
                environment: check.environment,
                in: repositoryRoot
            )
            let printed = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(Array(printed.prefix(shown.lines.count)) == shown.lines, "README.md:\(shown.line)")
            #expect(status == (shown.lines.contains { $0.hasPrefix("FAIL") } ? 1 : 0), "README.md:\(check.line)")
        }
    }

    @Test func everyLedgerCheckReadsTheLedgerTheDemoAboveItWrote() throws {
        let contract = try Self.readme()
        let checks = contract.commands.filter {
            $0.arguments.starts(with: ["check", "client"]) && $0.value(of: "--client") != nil
        }
        #expect(!checks.isEmpty)
        for check in checks {
            let client = try #require(check.value(of: "--client"))
            let demo = try #require(contract.commands.last { $0.startsGateway && $0.line < check.line })
            let directory = try ledgerWritten(
                by: demo,
                target: "/purchase-orders/po_1",
                headers: [("API-Version", "v1"), ("X-Client-ID", client)]
            )
            defer { try? FileManager.default.removeItem(at: directory) }
            let (status, output) = try runVersiongate(check.arguments, environment: check.environment, in: directory)
            #expect(status == 1, "README.md:\(check.line) \(check): \(output)")
            #expect(output.contains("1 request from \(client) served in v1"), "README.md:\(check.line): \(output)")
        }
    }
}

extension ReadmeCheckTests {
    /// Each `init` command of the page writes files that `check versions` passes and `serve --config` serves, as the
    /// text after it says.
    @Test func everyInitCommandWritesAGatewayThatServes() async throws {
        let commands = try Self.readme().commands.filter { $0.arguments.first == "init" }
        #expect(!commands.isEmpty)
        let upstream = try await EchoUpstream.start()
        for command in commands {
            let directory = try TemporaryDirectory.make()
            let (status, output) = try runVersiongate(
                command.arguments,
                environment: command.environment,
                in: directory
            )
            #expect(status == 0, "README.md:\(command.line) \(command): \(output)")
            let project = directory.appendingPathComponent(command.arguments.dropFirst().first ?? ".")
            let gateway = try RunningVersiongate(
                [
                    "serve", "--config", project.appendingPathComponent("versiongate.yaml").path, "--port", "0",
                    "--upstream", upstream.url,
                ],
                in: directory
            )
            #expect(try RawHTTPClient(port: gateway.port).request("GET", "/").header("API-Version") == "v1")
            #expect(gateway.stop() == 0)
        }
        try await upstream.stop()
    }

    /// Each `clients` command of the page runs, in order, in one directory laid out as the repository is.
    @Test func everyClientsCommandRunsInOrder() throws {
        let commands = try Self.readme().commands.filter { $0.arguments.first == "clients" }
        #expect(commands.count >= 2)
        let directory = try repositoryLayout()
        defer { try? FileManager.default.removeItem(at: directory) }
        for command in commands {
            let (status, output) = try runVersiongate(
                command.arguments,
                environment: command.environment,
                in: directory
            )
            #expect(status == 0, "README.md:\(command.line) \(command): \(output)")
        }
    }
}
