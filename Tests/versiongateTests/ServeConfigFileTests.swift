import Foundation
import TestSupport
import Testing

@testable import versiongate

/// `serve --config FILE`: every option of `serve` by its long name, the command line over the file, relative paths
/// from the file's directory, and no secrets.
@Suite(.timeLimit(.minutes(1))) struct ServeConfigFileTests {
    private let directory = try! TemporaryDirectory.make()

    private func write(_ text: String) throws -> String {
        let path = self.directory.appendingPathComponent("versiongate.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `serve --config FILE EXTRA` to its exit, from a directory other than the file's.
    private func refused(_ text: String, _ extra: [String] = []) throws -> (status: Int32, output: String) {
        let path = try self.write(text)
        return try runVersiongate(["serve", "--config", path] + extra, in: try TemporaryDirectory.make())
    }

    @Test func theCommandLineOverridesTheFileAndRelativePathsAreTheFiles() async throws {
        let (fromFile, fromFlag) = (try await EchoUpstream.start(), try await EchoUpstream.start())
        for folder in ["versions", "migration-guides"] {
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent(folder),
                to: self.directory.appendingPathComponent(folder)
            )
        }
        let path = try self.write(
            """
            # Everything serve can be told, by long name.
            upstream: \(fromFile.url)
            versions: versions
            port: 1
            store: sqlite:ledger.db
            via: from-the-file
            version-path-prefix: true
            """
        )
        let gateway = try RunningVersiongate(
            ["serve", "--config", path, "--port", "0", "--upstream", fromFlag.url, "--no-version-path-prefix"],
            in: try TemporaryDirectory.make()
        )
        let response = try RawHTTPClient(port: gateway.port).request(
            "GET",
            "/echo",
            headers: [("X-Echo-Fields", "yes")]
        )
        #expect(response.status == 200)
        #expect(response.header("X-Echo-Via") == "1.1 from-the-file")
        // The file turns version-path-prefix on and --no-version-path-prefix off: /v1/echo is the upstream's path.
        #expect(try RawHTTPClient(port: gateway.port).request("GET", "/v1/echo").header("X-Echo-Target") == "/v1/echo")
        #expect((fromFile.requestsReceived, fromFlag.requestsReceived) == (0, 2))
        #expect(gateway.stop() == 0)
        #expect(FileManager.default.fileExists(atPath: self.directory.appendingPathComponent("ledger.db").path))
        try await fromFile.stop()
        try await fromFlag.stop()
    }

    @Test func anUnknownKeyIsRefusedWithItsLine() throws {
        let (status, output) = try self.refused("versions: versions\n\nupstreams: http://127.0.0.1:9\n")
        #expect(status != 0)
        #expect(
            output.hasSuffix("versiongate.yaml:3: unknown key 'upstreams' (did you mean 'upstream'?)\n"),
            "\(output)"
        )
        #expect(output.split(separator: "\n").count == 1)
    }

    @Test(arguments: [
        ("admin-token: s3cr3t-value\n", "looks like a secret"),
        ("upstream: http://127.0.0.1:9\ndatabase-password: s3cr3t-value\n", "looks like a secret"),
        ("store: postgres://vg:s3cr3t-value@127.0.0.1:5432/vg\n", "password in its URL"),
        ("version-upstream:\n  v1: http://svc:s3cr3t-value@127.0.0.1:9\n", "password in its URL"),
        ("upstream-client-id-header: vg_live_s3cr3t-value\n", "client token"),
        ("docs-base-url: https://docs.example/?api_key=s3cr3t-value\n", "credential in its URL's query"),
        ("upstream: http://svc:s3cr3t/value@127.0.0.1:9\n", "password in its URL"),
    ])
    func aSecretInTheFileIsRefusedWithoutBeingQuoted(text: String, reason: String) throws {
        let (status, output) = try self.refused(text)
        #expect(status != 0)
        #expect(output.contains(reason), "\(output)")
        #expect(!output.contains("s3cr3t-value"))
        #expect(output.split(separator: "\n").count == 1, "\(output)")
    }

    @Test(arguments: [
        ("- upstream\n", "must be a mapping"),
        ("port: [1, 2]\n", "'port' takes one value"),
        ("metrics-public: yes please\n", "'metrics-public' is true or false"),
        ("port: 1\nport: 2\n", "duplicated key(s): 'port'"),
        ("upstream: [\n", "not YAML"),
        ("versions:\n", "'versions' has no value"),
        ("port: ~\n", "'port' has no value"),
        ("version-upstream: ['']\n", "'version-upstream' has an empty item"),
    ])
    func aMalformedFileIsOneLine(text: String, reason: String) throws {
        let (status, output) = try self.refused(text)
        #expect(status != 0)
        #expect(output.contains(reason), "\(output)")
        #expect(output.split(separator: "\n").count == 1, "\(output)")
    }

    @Test func aMissingFileIsOneLine() throws {
        let (status, output) = try runVersiongate(["serve", "--config", "/nonexistent/versiongate.yaml"])
        #expect(status != 0)
        #expect(output == "versiongate: cannot read the config file /nonexistent/versiongate.yaml\n")
    }

    /// The file takes exactly the options `serve --help` lists: none is missing, none is made up.
    @Test func theFileKnowsEveryOptionOfServe() throws {
        let (_, help) = try runVersiongate(["serve", "--help"])
        let listed = Set(
            help.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," || $0 == "=" || $0 == "/" })
                .filter {
                    $0.hasPrefix("--") && $0.count > 2 && $0.dropFirst(2).allSatisfy { $0.isLetter || $0 == "-" }
                }
                .map { String($0.dropFirst(2)) }
        )
        // Each flag is listed with its --no- form, which turns off a flag the file turns on.
        let flags = ServeConfigFile.keys.filter { $0.value == .flag }.map { "no-" + $0.key }
        #expect(listed.subtracting(["config", "help"]) == Set(ServeConfigFile.keys.keys).union(flags))
    }
}
