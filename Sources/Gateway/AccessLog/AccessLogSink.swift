import Synchronization

/// Where the loops hand their access log lines: each loop appends whole lines to a buffer of its own and deposits
/// the buffer here (about once a second, sooner when it grows past 64 KiB, and when the loop stops); a writer off
/// the loops takes the buffers and writes them out in order of deposit.
///
/// At most ``maxPendingBytes`` wait for the writer: while it is stuck (a reader that stopped reading), later buffers
/// are dropped whole and counted, so memory stays bounded and no line is cut.
///
/// Concurrency: safe from any thread; the lock is held for an append or a swap, never for I/O.
public final class AccessLogSink: Sendable {
    public static let maxPendingBytes = 64 << 20

    public let format: AccessLogFormat
    private let state = Mutex(Pending())

    private struct Pending {
        var buffers: [[UInt8]] = []
        var bytes = 0
        var droppedLines = 0
    }

    public init(format: AccessLogFormat) {
        self.format = format
    }

    func deposit(_ lines: [UInt8]) {
        guard !lines.isEmpty else { return }
        self.state.withLock { pending in
            guard pending.bytes + lines.count <= Self.maxPendingBytes else {
                pending.droppedLines += lines.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
                return
            }
            pending.buffers.append(lines)
            pending.bytes += lines.count
        }
    }

    /// Every buffer deposited since the last call, each ending with a newline, and how many lines were dropped
    /// meanwhile.
    public func take() -> (buffers: [[UInt8]], droppedLines: Int) {
        self.state.withLock { pending in
            defer { pending = Pending() }
            return (pending.buffers, pending.droppedLines)
        }
    }
}
