import Foundation
import TestSupport

/// The built `versiongate` binary: it sits next to the test bundle in the build products directory.
let versiongateBinary: URL = {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("versiongate").path),
        directory.path != "/"
    {
        directory.deleteLastPathComponent()
    }
    return directory.appendingPathComponent("versiongate")
}()

/// The repository this test target belongs to, and its `versions/` directory.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let repositoryVersions = repositoryRoot.appendingPathComponent("versions").path

/// Runs `versiongate` (or `program`, built beside it) to completion and returns its exit status and everything it
/// printed.
/// - Parameter directory: the working directory; the test process's own if nil.
func runVersiongate(
    _ arguments: [String],
    environment: [String: String] = [:],
    in directory: URL? = nil,
    program: String = "versiongate"
) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = versiongateBinary.deletingLastPathComponent().appendingPathComponent(program)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// A `versiongate serve` or `demo` running in the background, with its output collected line by line.
final class RunningVersiongate: @unchecked Sendable {
    let process = Process()
    /// The port the gateway listens on, read from what the command printed.
    private(set) var port = 0
    private let output = Pipe()
    /// Everything printed so far that ``waitForLine(where:)`` has read.
    private(set) var text = ""

    /// Starts `versiongate` and waits until it prints the gateway's address.
    /// - Parameters:
    ///   - directory: the working directory, for relative paths in `arguments`; a new empty one if nil, so that
    ///     what the command writes there (its usage ledger, by default) is its own.
    ///   - openFilesLimit: a soft and hard open-files limit to run it under (`ulimit -n`), if any.
    init(
        _ arguments: [String],
        environment: [String: String] = [:],
        in directory: URL? = nil,
        openFilesLimit: Int? = nil
    ) throws {
        if let openFilesLimit {
            self.process.executableURL = URL(fileURLWithPath: "/bin/sh")
            self.process.arguments =
                ["-c", "ulimit -n \(openFilesLimit) && exec \"$0\" \"$@\"", versiongateBinary.path] + arguments
        } else {
            self.process.executableURL = versiongateBinary
            self.process.arguments = arguments
        }
        self.process.currentDirectoryURL = try directory ?? TemporaryDirectory.make()
        self.process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        self.process.standardOutput = self.output
        self.process.standardError = self.output
        try self.process.run()
        let loopbacks = ["http://127.0.0.1:", "http://[::1]:"]
        guard
            let line = try self.waitForLine(where: { line in
                loopbacks.contains { line.contains($0) } && (line.contains("gateway") || line.contains("serving on"))
            }),
            let address = line.split(separator: " ").first(where: { word in
                loopbacks.contains { word.hasPrefix($0) }
            }),
            let port = address.split(separator: ":").last.flatMap({ Int($0) })
        else {
            self.process.terminate()
            throw RawHTTPClient.Failure(description: "versiongate did not print its address: \(self.text)")
        }
        self.port = port
    }

    deinit {
        if self.process.isRunning { self.process.terminate() }
    }

    /// Reads output until a line satisfies `matches`, the process ends, or 10 s pass.
    @discardableResult
    func waitForLine(where matches: (Substring) -> Bool) throws -> Substring? {
        let handle = self.output.fileHandleForReading
        let deadline = Date().addingTimeInterval(10)
        while true {
            if let line = self.text.split(separator: "\n").first(where: matches) { return line }
            let remaining = Int32(deadline.timeIntervalSinceNow * 1000)
            guard remaining > 0 else { return nil }
            // Wait for output without blocking past the deadline: `availableData` alone would wait forever.
            var descriptor = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, remaining) > 0 else { return nil }
            let data = handle.availableData
            if data.isEmpty { return nil }
            self.text += String(decoding: data, as: UTF8.self)
        }
    }

    /// Everything the process printed that ``text`` does not hold yet, once it has exited (or 5 s have passed).
    func remainingOutput() -> String {
        let handle = self.output.fileHandleForReading
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            var descriptor = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 500) > 0 else { break }
            let data = handle.availableData
            if data.isEmpty { break }
            self.text += String(decoding: data, as: UTF8.self)
        }
        return self.text
    }

    func signal(_ number: Int32) {
        kill(self.process.processIdentifier, number)
    }

    /// Sends SIGTERM and waits up to 10 s for the exit status; a process that does not stop is killed and
    /// reported as status -1.
    func stop() -> Int32 {
        self.process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while self.process.isRunning, Date() < deadline { usleep(10_000) }
        guard !self.process.isRunning else {
            kill(self.process.processIdentifier, SIGKILL)
            self.process.waitUntilExit()
            return -1
        }
        return self.process.terminationStatus
    }
}

/// A versions directory and a migration-guides directory beside it, in a fresh temporary folder.
struct TemporaryVersions {
    let root: URL
    var versions: String { self.root.appendingPathComponent("versions").path }

    init(manifests: [String: String], guides: [String] = ["v1-to-v2.md"]) throws {
        self.root = FileManager.default.temporaryDirectory.appendingPathComponent("versiongate-\(UUID().uuidString)")
        let guidesDirectory = self.root.appendingPathComponent("migration-guides")
        try FileManager.default.createDirectory(atPath: self.versions, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: guidesDirectory, withIntermediateDirectories: true)
        for (name, text) in manifests { try self.write(name, text) }
        for name in guides {
            try "# Guide\n".write(to: guidesDirectory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: self.versions + "/" + name, atomically: true, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(at: self.root)
    }
}
