import Foundation
import TestSupport
import Testing

@testable import versiongate

/// `versiongate init`: the starter files pass the checks, the config file names every option of `serve`, the
/// template becomes a working next version, and nothing is ever written over.
@Suite(.timeLimit(.minutes(1))) struct InitCommandTests {
    private let root = try! TemporaryDirectory.make()
    private var project: URL { self.root.appendingPathComponent("my-api") }

    private func initialize() throws -> String {
        let (status, output) = try runVersiongate(
            ["init", "my-api"],
            environment: ["VERSIONGATE_NOW": "2026-11-30T10:00:00Z"],
            in: self.root
        )
        try #require(status == 0, "\(output)")
        return output
    }

    @Test func theStarterFilesPassTheChecksAndServe() async throws {
        let output = try self.initialize()
        #expect(
            output.hasPrefix(
                "wrote my-api/versions/v1.yaml, my-api/versions/v2.yaml.example, my-api/versiongate.yaml\n"
            )
        )
        let v1 = try String(contentsOf: self.project.appendingPathComponent("versions/v1.yaml"), encoding: .utf8)
        #expect(v1.contains("status: current") && v1.contains("released: 2026-11-30"))
        let versions = self.project.appendingPathComponent("versions").path
        #expect(try runVersiongate(["check", "versions", "--versions", versions]).status == 0)

        let upstream = try await EchoUpstream.start()
        let gateway = try RunningVersiongate(
            [
                "serve", "--config", self.project.appendingPathComponent("versiongate.yaml").path, "--port", "0",
                "--upstream", upstream.url,
            ],
            in: self.root
        )
        let response = try RawHTTPClient(port: gateway.port).request("GET", "/echo")
        #expect(response.status == 200)
        #expect(response.header("API-Version") == "v1")
        #expect(gateway.stop() == 0)
        try await upstream.stop()
    }

    /// The config file names every key a config file may hold, each one once, and reads as it is written.
    @Test func theConfigFileShowsEveryOption() throws {
        let text = StarterFiles.configuration
        for key in ServeConfigFile.keys.keys {
            let mentions = text.split(separator: "\n").filter { $0.hasPrefix("\(key):") || $0.hasPrefix("# \(key):") }
            #expect(mentions.count == 1, "\(key) is shown \(mentions.count) times")
        }
        let words = try ServeConfigFile.arguments(fromYAML: text, file: "versiongate.yaml", directory: "/srv/api")
        #expect(words == ["--upstream=http://127.0.0.1:3000", "--versions=/srv/api/versions"])
    }

    /// The steps the template lists make it a next version that passes the checks.
    @Test func theTemplateBecomesTheNextVersion() throws {
        _ = try self.initialize()
        let versions = self.project.appendingPathComponent("versions")
        try FileManager.default.copyItem(
            at: versions.appendingPathComponent("v2.yaml.example"),
            to: versions.appendingPathComponent("v2.yaml")
        )
        let v1 = versions.appendingPathComponent("v1.yaml")
        try (try String(contentsOf: v1, encoding: .utf8) + "successor: v2\n").write(
            to: v1,
            atomically: true,
            encoding: .utf8
        )
        let (status, guide) = try runVersiongate(["guide", "v1", "v2", "--versions", versions.path])
        try #require(status == 0, "\(guide)")
        let guides = self.project.appendingPathComponent("migration-guides")
        try FileManager.default.createDirectory(at: guides, withIntermediateDirectories: true)
        try guide.write(to: guides.appendingPathComponent("v1-to-v2.md"), atomically: true, encoding: .utf8)
        let (checked, output) = try runVersiongate(["check", "versions", "--versions", versions.path])
        #expect(checked == 0, "\(output)")
    }

    @Test func anExistingFileIsNeverWrittenOver() throws {
        let config = self.project.appendingPathComponent("versiongate.yaml")
        try FileManager.default.createDirectory(at: self.project, withIntermediateDirectories: true)
        try "upstream: http://mine\n".write(to: config, atomically: true, encoding: .utf8)
        let (status, output) = try runVersiongate(["init", "my-api"], in: self.root)
        #expect(status == 1)
        #expect(output == "versiongate: my-api/versiongate.yaml exists already: init writes nothing over it\n")
        #expect(try String(contentsOf: config, encoding: .utf8) == "upstream: http://mine\n")
        #expect(!FileManager.default.fileExists(atPath: self.project.appendingPathComponent("versions").path))
    }
}
