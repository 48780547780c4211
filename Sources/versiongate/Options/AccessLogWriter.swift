import Foundation
import Gateway

/// Writes what the loops deposit in an ``AccessLogSink`` to standard output or a file, off the event loops: every
/// 100 ms, and once more after the gateway has stopped.
final class AccessLogWriter: Sendable {
    let sink: AccessLogSink
    private let output: FileHandle
    private let writing: Task<Void, Never>

    /// - Parameter destination: `stdout`, or a file path (appended to, created when missing).
    /// - Throws: ``CommandFailure`` in one line when the file cannot be opened.
    init(destination: String, format: AccessLogFormat) throws {
        if destination == "stdout" {
            self.output = FileHandle.standardOutput
        } else {
            let directory = URL(fileURLWithPath: destination).deletingLastPathComponent().path
            guard FileManager.default.fileExists(atPath: directory) else {
                throw CommandFailure(
                    message: "cannot open the access log \(destination): the directory \(directory) does not exist"
                )
            }
            if !FileManager.default.fileExists(atPath: destination) {
                _ = FileManager.default.createFile(atPath: destination, contents: nil)
            }
            guard let handle = FileHandle(forWritingAtPath: destination) else {
                throw CommandFailure(message: "cannot open the access log \(destination) for writing")
            }
            handle.seekToEndOfFile()
            self.output = handle
        }
        let sink = AccessLogSink(format: format)
        self.sink = sink
        let output = self.output
        self.writing = Task {
            while !Task.isCancelled {
                do { try await Task.sleep(for: .milliseconds(100)) } catch { break }
                Self.write(sink.take(), to: output)
            }
        }
    }

    /// After the gateway stopped: writes the loops' last lines.
    func finish() async {
        self.writing.cancel()
        await self.writing.value
        Self.write(self.sink.take(), to: self.output)
    }

    private static func write(_ buffers: [[UInt8]], to output: FileHandle) {
        for buffer in buffers { output.write(Data(buffer)) }
    }
}
