import Foundation
import Testing
import TestSupport

/// The built `versiongate` binary, run as a user would.
@Suite struct CommandLineTests {
    /// `versiongate` sits next to the test bundle in the build products directory.
    private static let binary: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("versiongate").path),
            directory.path != "/"
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("versiongate")
    }()

    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: [
        (["serve", "--upstream", "ftp://example"], "upstream URL 'ftp://example' must start with http:// or https://"),
        (["serve", "--upstream", "http://127.0.0.1:1", "--versions", "/nonexistent"], "cannot read the versions directory"),
        (["serve", "--upstream", "http://127.0.0.1:1", "--upstream-version", "v7"], "--upstream-version 'v7' is not one of"),
    ])
    func badInputIsOneLineAndExitStatusOne(arguments: [String], message: String) throws {
        let (status, output) = try self.run(arguments)
        #expect(status == 1)
        #expect(output.split(separator: "\n").count == 1)
        #expect(output.contains(message))
    }

    @Test func aBrokenManifestStopsStartUpNamingTheFileAndLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "version: v1\nstatus: current\nreleased: 2025-01-01\nsunset: someday\n".write(
            to: directory.appendingPathComponent("v1.yaml"), atomically: true, encoding: .utf8)
        let (status, output) = try self.run(["serve", "--upstream", "http://127.0.0.1:1", "--versions", directory.path])
        #expect(status == 1)
        #expect(output.contains("v1.yaml:4: 'sunset' must be a date like 2026-03-01, not 'someday'"))
    }

    @Test func demoServesTheSampleAPIThroughTheGatewayAndStopsCleanlyOnSIGTERM() async throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["demo", "--port", "0", "--upstream-port", "0"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let port = try Self.gatewayPort(from: pipe.fileHandleForReading)
        let response = try RawHTTPClient(port: port).request("GET", "/purchase-orders/po_1")
        #expect(response.status == 200)
        #expect(response.header("API-Version") == "v1")
        #expect(response.text.contains("\"number\":\"PO-1001\""))
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    /// Reads the demo's welcome text until it names the gateway's address.
    private static func gatewayPort(from handle: FileHandle) throws -> Int {
        var text = ""
        for _ in 0..<100 {
            let data = handle.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.contains("gateway:") }),
                let address = line.split(separator: " ").first(where: { $0.hasPrefix("http://") }),
                let port = address.split(separator: ":").last.flatMap({ Int($0) })
            {
                return port
            }
        }
        throw RawHTTPClient.Failure(description: "the demo did not print its address: \(text)")
    }
}
