import Foundation
import TestSupport
import Testing

/// README.md is a contract: what it shows is what the commands it shows do. The page is read this way:
/// - An exchange block is a fenced block whose first line starts with `$ curl`. Each of its exchanges is a
///   `curl -i` command (see ``CurlRequest``), the status line, some of the response's header fields, a blank line
///   and the body. The response must have that status line, exactly the values shown for each field name shown
///   (fields not shown may be there too), and that body, byte for byte.
/// - A body may be wrapped for reading: each line after its first continues it, without the line break and the
///   leading spaces. Wrap JSON only where it has no space (after a `,`), so that nothing is lost in the joining.
/// - An exchange is answered by the gateway that the nearest `versiongate demo` or `versiongate serve` command above
///   it (in an `sh` block) starts: run from the repository root, with the command's `NAME=value` environment, on a
///   free port instead of 8080. The backends a `serve` command names on 127.0.0.1:9001 and :9002 are stand-ins
///   answering as the README says they do (``backends``).
/// - `$TOKEN` in a request's fields is the token that the last `versiongate clients create` command above the
///   gateway's command prints, run from the repository root into the gateway's store.
/// - Every `versiongate check versions` command passes, and a `yaml` block whose first line is `# <path>` is
///   that file of the repository, whole.
@Suite struct ReadmeExchangeTests {
    /// The backends of "Put it in front of your API": v1's answers `GET /customers/c_1`, v2's `GET /accounts/c_1`.
    private static let backends = [
        "127.0.0.1:9001": ["/customers/c_1": #"{"id":"c_1","name":"Ada Lovelace"}"#],
        "127.0.0.1:9002": ["/accounts/c_1": #"{"id":"c_1","display_name":"Ada Lovelace"}"#],
    ]

    private static func readme() throws -> ReadmeContract {
        ReadmeContract(try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8))
    }

    @Test func everyExchangeIsWhatTheGatewayAboveItAnswers() async throws {
        let groups = try Self.readme().exchangeGroups()
        // The demo, the schedule rehearsed twice, and the gateway in front of two backends: none may go unread.
        #expect(groups.count >= 4, "\(groups.map(\.command))")
        #expect(Set(groups.compactMap(\.command.arguments.first)) == ["demo", "serve"])
        for group in groups {
            try #require(
                group.command.value(of: "--port").map { $0 == "8080" } ?? true,
                "\(group.command): the exchanges below it call 127.0.0.1:8080"
            )
            // Its ledger goes to a directory of its own, not into one a developer keeps in the repository.
            let ledger = try TemporaryDirectory.make()
            defer { try? FileManager.default.removeItem(at: ledger) }
            var arguments =
                group.command.arguments(removing: ["--port", "--upstream-port", "--store"])
                + ["--port", "0", "--store", "sqlite:" + ledger.appendingPathComponent("ledger.db").path]
            if group.command.arguments.first == "demo" { arguments += ["--upstream-port", "0"] }
            var standIns: [ScriptedUpstream] = []
            for (address, bodies) in Self.backends where arguments.contains(where: { $0.contains(address) }) {
                let standIn = try await ScriptedUpstream.start(answering: bodies)
                standIns.append(standIn)
                arguments = arguments.map {
                    $0.replacingOccurrences(of: "http://\(address)", with: standIn.url)
                }
            }
            let token = try Self.lastTokenCreated(before: group.command, store: ledger)
            let replayed = Result { try Self.replay(group, arguments: arguments, token: token) }
            for standIn in standIns { try await standIn.stop() }
            try replayed.get()
        }
    }

    /// Runs the page's `clients create` commands above `command` with their store in `store`, and returns the token
    /// the last one printed; nil when there is none.
    private static func lastTokenCreated(before command: VersiongateCommand, store: URL) throws -> String? {
        var token: String?
        let creates = try Self.readme().commands.filter {
            $0.arguments.starts(with: ["clients", "create"]) && $0.line < command.line
        }
        for create in creates {
            let arguments =
                create.arguments(removing: ["--store"])
                + ["--store", "sqlite:" + store.appendingPathComponent("ledger.db").path]
            let (status, output) = try runVersiongate(arguments, environment: create.environment, in: repositoryRoot)
            try #require(status == 0, "README.md:\(create.line) \(create): \(output)")
            token = output.split(separator: "\n").first { $0.hasPrefix("token: ") }.map { String($0.dropFirst(7)) }
        }
        return token
    }

    /// Starts the group's gateway with `arguments`, and records every way its answers differ from the README's.
    /// - Parameter token: what `$TOKEN` in a request's fields stands for.
    private static func replay(_ group: ReadmeContract.Group, arguments: [String], token: String?) throws {
        let gateway = try RunningVersiongate(arguments, environment: group.command.environment, in: repositoryRoot)
        defer { _ = gateway.stop() }
        for exchange in group.exchanges {
            let headers = exchange.request.headers.map { name, value in
                (name, token.map { value.replacingOccurrences(of: "$TOKEN", with: $0) } ?? value)
            }
            let response = try RawHTTPClient(port: gateway.port).request(
                exchange.request.method,
                exchange.request.target,
                headers: headers,
                body: exchange.request.body.map { Array($0.utf8) }
            )
            for mismatch in exchange.mismatches(response) {
                Issue.record("\(exchange) after `\(group.command)`: \(mismatch)")
            }
        }
    }

    @Test func everyCheckVersionsCommandPasses() throws {
        let checks = try Self.readme().commands.filter { $0.arguments.starts(with: ["check", "versions"]) }
        #expect(!checks.isEmpty)
        for check in checks {
            let (status, output) = try runVersiongate(
                check.arguments,
                environment: check.environment,
                in: repositoryRoot
            )
            #expect(status == 0, "README.md:\(check.line) \(check): \(output)")
        }
    }

    /// Each `report deprecations` command reads, in a directory laid out as the repository is (`versions/`,
    /// `migration-guides/`), the
    /// ledger that the demo above it writes there, and names the client that called.
    @Test func everyReportCommandReadsTheLedgerTheDemoAboveItWrote() throws {
        let contract = try Self.readme()
        let reports = contract.commands.filter { $0.arguments.starts(with: ["report", "deprecations"]) }
        #expect(!reports.isEmpty)
        for report in reports {
            let demo = try #require(contract.commands.last { $0.startsGateway && $0.line < report.line })
            let directory = try ledgerWritten(by: demo, target: "/inventory", headers: [("X-Client-ID", "readme")])
            defer { try? FileManager.default.removeItem(at: directory) }
            let (status, output) = try runVersiongate(report.arguments, environment: report.environment, in: directory)
            #expect(status == 0, "README.md:\(report.line) \(report): \(output)")
            #expect(output.contains("readme"), "README.md:\(report.line) \(report): \(output)")
        }
    }

    @Test func everyFileShownUnderItsPathIsThatFile() throws {
        let shown = try Self.readme().blocks.filter { $0.info == "yaml" && $0.lines.first?.hasPrefix("# ") == true }
        #expect(shown.count >= 2)
        for block in shown {
            let path = String(block.lines[0].dropFirst(2))
            let file = try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
            #expect(block.lines.dropFirst().joined(separator: "\n") + "\n" == file, "README.md:\(block.line) \(path)")
        }
    }

    /// The examples' migration guides are what `versiongate guide` renders from their manifests.
    @Test(arguments: ["examples/schedule", "examples/your-api"])
    func theExampleGuidesAreRenderedFromTheirManifests(example: String) throws {
        let guides = repositoryRoot.appendingPathComponent(example + "/migration-guides")
        let names = try FileManager.default.contentsOfDirectory(atPath: guides.path).filter { $0.hasSuffix(".md") }
        #expect(!names.isEmpty)
        for name in names {
            let versions = name.dropLast(3).components(separatedBy: "-to-")
            try #require(versions.count == 2, "\(name)")
            let (status, output) = try runVersiongate(
                ["guide", versions[0], versions[1], "--versions", example + "/versions"],
                in: repositoryRoot
            )
            let fix = "swift run versiongate guide \(versions[0]) \(versions[1]) --versions \(example)/versions"
            #expect(status == 0)
            #expect(
                output == (try String(contentsOf: guides.appendingPathComponent(name), encoding: .utf8)),
                "run: \(fix) > \(example)/migration-guides/\(name)"
            )
        }
    }

    /// The comparison can fail: a byte changed anywhere in a shown exchange is a mismatch.
    @Test func aByteChangedInAShownExchangeIsAMismatch() throws {
        let shown = """
            $ curl -i -H 'API-Version: v1' http://127.0.0.1:8080/things/1
            HTTP/1.1 200 OK
            API-Version: v1
            Link: <a>
            Link: <b>

            {"id":"1",
             "name":"x y"}
            """
        let block = ReadmeContract.Block(info: "", line: 1, lines: shown.components(separatedBy: "\n"))
        let exchange = try #require(try Exchange.all(in: block).first)
        #expect(exchange.request.target == "/things/1")
        #expect(exchange.body == #"{"id":"1","name":"x y"}"#)
        let answer = RawResponse(
            status: 200,
            headers: [("API-Version", "v1"), ("Link", "<a>"), ("Vary", "API-Version"), ("Link", "<b>")],
            body: Array(#"{"id":"1","name":"x y"}"#.utf8),
            reason: "OK"
        )
        #expect(exchange.mismatches(answer) == [])
        var wrong = [answer, answer, answer, answer, answer, answer]
        wrong[0].reason = "Ok"
        wrong[1].headers[0].1 = "v2"
        wrong[2].headers.remove(at: 3)
        wrong[3].headers.append(("link", "<c>"))
        wrong[4].body[10] = UInt8(ascii: "2")
        wrong[5].body.removeLast()
        for response in wrong { #expect(exchange.mismatches(response).count == 1, "\(response)") }
    }
}
