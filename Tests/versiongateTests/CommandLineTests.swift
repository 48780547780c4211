import Foundation
import TestSupport
import Testing

/// The built `versiongate` binary, run as a user would.
@Suite struct CommandLineTests {
    @Test(arguments: [
        (
            ["serve", "--upstream", "ftp://example", "--versions", repositoryVersions],
            "upstream URL 'ftp://example' must start with http:// or https://"
        ),
        (
            ["serve", "--upstream", "http://127.0.0.1:1", "--versions", "/nonexistent"],
            "/nonexistent: cannot read the directory"
        ),
        (
            [
                "serve", "--upstream", "http://127.0.0.1:1", "--versions", repositoryVersions, "--upstream-version",
                "v7",
            ],
            "--upstream-version 'v7' is not one of"
        ),
        (
            ["serve", "--upstream", "http://127.0.0.1:1"],
            "no versions to serve: name a directory of manifests with --versions DIR"
        ),
        (
            [
                "serve", "--upstream", "http://127.0.0.1:1", "--versions", repositoryVersions, "--version-upstream",
                "v1",
            ],
            "--version-upstream 'v1' must look like v1=http://127.0.0.1:9001"
        ),
        (
            [
                "serve", "--upstream", "http://127.0.0.1:1", "--versions", repositoryVersions, "--version-upstream",
                "v7=http://127.0.0.1:2",
            ],
            "--version-upstream 'v7' is not one of: v1, v2"
        ),
        (
            [
                "serve", "--upstream", "http://127.0.0.1:1", "--versions", repositoryVersions, "--version-upstream",
                "v1=http://127.0.0.1:2", "--version-upstream", "v1=http://127.0.0.1:3",
            ],
            "--version-upstream names v1 twice"
        ),
        (
            ["serve", "--upstream", "http://127.0.0.1:99999", "--versions", repositoryVersions],
            "upstream URL 'http://127.0.0.1:99999' must have a port between 1 and 65535"
        ),
        (
            ["serve", "--upstream", "http://127.0.0.1:19002?x=1", "--versions", repositoryVersions],
            "upstream URL 'http://127.0.0.1:19002?x=1' must not have a query or fragment"
        ),
        (
            ["guide", "v1", "v1", "--versions", repositoryVersions],
            "a guide goes between two different versions, not from v1 to itself"
        ),
    ])
    func badInputIsOneLineAndExitStatusOne(arguments: [String], message: String) throws {
        let (status, output) = try runVersiongate(arguments)
        #expect(status == 1)
        #expect(output.split(separator: "\n").count == 1)
        #expect(output.contains(message))
    }

    @Test(arguments: [
        ["--upstream", "http://user:tok@127.0.0.1:1"],
        ["--upstream", "http://127.0.0.1:1", "--version-upstream", "v1=http://user:tok@127.0.0.1:2"],
        ["--upstream", "http://127.0.0.1:1", "--version-upstream", "http://user:tok@127.0.0.1:2"],
    ])
    func credentialsInAnUpstreamURLAreRefusedWithoutBeingEchoed(arguments: [String]) throws {
        let (status, output) = try runVersiongate(["serve", "--versions", repositoryVersions] + arguments)
        #expect(status == 1)
        #expect(output.contains("'http://***@127.0.0.1:"), "\(output)")
        #expect(!output.contains("tok"), "\(output)")
    }

    @Test(arguments: [
        (["serve", "--version-header", "Authorization"], "--version-header cannot be Authorization: "),
        (["serve", "--version-header", "proxy-authorization"], "--version-header cannot be proxy-authorization: "),
        (["serve", "--client-id-header", "Cookie"], "--client-id-header cannot be Cookie: "),
        (
            ["demo", "--port", "18090", "--upstream-port", "18090"],
            "--port and --upstream-port must differ: the sample API needs a port of its own"
        ),
    ])
    func optionsThatCannotWorkSafelyAreRefusedBeforeStarting(arguments: [String], message: String) throws {
        // An unknown --upstream-version stops a serve that got past the options, instead of leaving it running.
        let upstream = [
            "--upstream", "http://127.0.0.1:1", "--versions", repositoryVersions, "--upstream-version", "v7",
        ]
        let (status, output) = try runVersiongate(arguments + (arguments.first == "serve" ? upstream : []))
        #expect(status != 0)
        #expect(output.contains(message), "\(output)")
        #expect(!output.contains("in use by another process"), "\(output)")
    }

    /// ArgumentParser reads `-1` as a flag unless told otherwise, and then says the value is missing.
    @Test(arguments: [
        (["serve", "--upstream-timeout", "-1"], "--upstream-timeout must be positive"),
        (["serve", "--max-body-bytes", "-1"], "--max-body-bytes must not be negative"),
        (["serve", "--port", "-1"], "--port must be between 0 and 65535"),
        (["serve", "--threads", "-2"], "--threads must be between 1 and 256"),
        (["demo", "--upstream-port", "-1"], "--upstream-port must be between 0 and 65535"),
        (["check", "versions", "--min-sunset-months", "-1"], "--min-sunset-months must not be negative"),
        (
            ["translate", "-", "--client", "v1", "--upstream", "v2", "--path", "/x", "--repeat", "-1"],
            "--repeat must be at least 1"
        ),
    ])
    func negativeNumbersAreRefusedByTheirOwnCheck(arguments: [String], message: String) throws {
        let upstream = ["--upstream", "http://127.0.0.1:1", "--versions", repositoryVersions]
        let (status, output) = try runVersiongate(arguments + (arguments.first == "serve" ? upstream : []))
        #expect(status != 0)
        #expect(output.contains(message), "\(output)")
        #expect(!output.contains("Missing value"), "\(output)")
    }

    @Test func aGuideAskedForNewestFirstSuggestsTheOtherOrderInOneLine() throws {
        let (status, output) = try runVersiongate(["guide", "v2", "v1", "--versions", repositoryVersions])
        #expect(status == 1)
        #expect(output.split(separator: "\n").count == 1, "\(output)")
        #expect(output.hasSuffix(": run versiongate guide v1 v2\n"), "\(output)")
    }

    @Test func theREADMEsModuleMapNamesEveryCommand() throws {
        let (status, help) = try runVersiongate(["--help"])
        #expect(status == 0)
        // Each command's line starts with two spaces and its name; its abstract wraps onto deeper-indented lines.
        let section = help.components(separatedBy: "SUBCOMMANDS:\n").last ?? ""
        let listed = section.split(separator: "\n", omittingEmptySubsequences: false).prefix { $0.hasPrefix("  ") }
            .filter { !$0.hasPrefix("   ") }.compactMap { $0.split(separator: " ").first }
        #expect(listed.count >= 5, "\(help)")
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let row = try #require(readme.split(separator: "\n").first { $0.hasPrefix("| `Sources/versiongate` |") })
        for command in listed {
            #expect(row.contains("`\(command)"), "README.md's module map leaves out \(command)")
        }
    }

    @Test func aBadClockIsRefused() throws {
        let (status, output) = try runVersiongate(
            ["serve", "--upstream", "http://127.0.0.1:1", "--versions", repositoryVersions],
            environment: ["VERSIONGATE_NOW": "tomorrow"]
        )
        #expect(status == 1)
        #expect(output.contains("VERSIONGATE_NOW 'tomorrow' is not an RFC 3339 time"))
    }

    @Test func aBrokenManifestStopsStartUpNamingTheFileAndLine() throws {
        let versions = try TemporaryVersions(manifests: [
            "v1.yaml": "version: v1\nstatus: current\nreleased: 2025-01-01\nsunset: someday\n"
        ])
        defer { versions.remove() }
        let (status, output) = try runVersiongate([
            "serve", "--upstream", "http://127.0.0.1:1", "--versions", versions.versions,
        ])
        #expect(status == 1)
        #expect(output.hasPrefix("versiongate: "))
        #expect(output.contains("v1.yaml:4: 'sunset' must be a date like 2026-03-01, not 'someday'"))
    }

    @Test func demoServesTheSampleAPIThroughTheGatewayAndStopsCleanlyOnSIGTERM() throws {
        let demo = try RunningVersiongate(["demo", "--port", "0", "--upstream-port", "0"])
        let response = try RawHTTPClient(port: demo.port).request("GET", "/purchase-orders/po_1")
        #expect(response.status == 200)
        #expect(response.header("API-Version") == "v1")
        #expect(response.text.contains("\"number\":\"PO-1001\""))
        #expect(demo.stop() == 0)
        #expect(demo.process.terminationReason == .exit)
    }
}
