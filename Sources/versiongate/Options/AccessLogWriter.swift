import Foundation
import Gateway
import Glibc
import Synchronization

/// Writes what the loops deposit in an ``AccessLogSink`` to standard output or a file, on a thread of its own (a
/// write may block, on a pipe nobody reads): every 100 ms, and once more after the gateway has stopped.
///
/// The file is opened for appending (`O_APPEND`), so that a log rotated by truncation (`copytruncate`) goes on at its
/// new end. A write that fails (a full disk, a closed pipe) never stops the gateway: the lines are dropped, counted,
/// and one line says so on standard error, once per run of failures.
final class AccessLogWriter: Sendable {
    let sink: AccessLogSink
    private let stopping = Atomic(false)
    private let stopped = DispatchSemaphore(value: 0)

    /// - Parameter destination: `stdout`, or a file path (appended to, created when missing, mode 0640).
    /// - Throws: ``CommandFailure`` in one line when the file cannot be opened.
    init(destination: String, format: AccessLogFormat) throws {
        let descriptor: Int32
        if destination == "stdout" {
            descriptor = STDOUT_FILENO
        } else {
            descriptor = open(destination, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
            guard descriptor >= 0 else {
                throw CommandFailure(
                    message: "cannot open the access log \(destination): \(String(cString: strerror(errno)))"
                )
            }
        }
        let sink = AccessLogSink(format: format)
        let output = Output(descriptor: descriptor)
        self.sink = sink
        Thread { [self] in
            while !self.stopping.load(ordering: .acquiring) {
                usleep(100_000)
                output.write(sink.take())
            }
            output.write(sink.take())
            self.stopped.signal()
        }.start()
    }

    /// After the gateway stopped: writes the loops' last lines, waiting up to 5 s for an output that blocks.
    func finish() async {
        self.stopping.store(true, ordering: .releasing)
        let stopped = self.stopped
        let finished = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: stopped.wait(timeout: .now() + 5) == .success)
            }
        }
        if !finished {
            Console.status("access log: its last lines could not be written (the output does not take them)")
        }
    }

    /// The descriptor lines go to, and whether the last write failed (so that a run of failures is reported once).
    private final class Output: @unchecked Sendable {
        let descriptor: Int32
        /// Touched only by the writer's thread.
        private var isFailing = false

        init(descriptor: Int32) {
            self.descriptor = descriptor
        }

        func write(_ taken: (buffers: [[UInt8]], droppedLines: Int)) {
            if taken.droppedLines > 0 {
                Console.status("access log: dropped \(taken.droppedLines) lines while it could not keep up")
            }
            for buffer in taken.buffers {
                var offset = 0
                while offset < buffer.count {
                    let written = buffer[offset...].withUnsafeBytes {
                        Glibc.write(self.descriptor, $0.baseAddress, $0.count)
                    }
                    if written < 0, errno == EINTR { continue }
                    guard written > 0 else {
                        if !self.isFailing {
                            self.isFailing = true
                            Console.status(
                                "cannot write the access log: \(String(cString: strerror(errno))); dropping lines until it can"
                            )
                        }
                        return
                    }
                    offset += written
                }
                self.isFailing = false
            }
        }
    }
}
