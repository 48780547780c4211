import Synchronization

/// Where the loops hand their access log lines: each loop appends whole lines to a buffer of its own and deposits
/// the buffer here (about once a second, sooner when it grows past 64 KiB, and when the loop stops); a writer off
/// the loops takes the buffers and writes them out in order of deposit.
///
/// Concurrency: safe from any thread; the lock is held for an append or a swap, never for I/O.
public final class AccessLogSink: Sendable {
    public let format: AccessLogFormat
    private let deposits = Mutex<[[UInt8]]>([])

    public init(format: AccessLogFormat) {
        self.format = format
    }

    func deposit(_ lines: [UInt8]) {
        guard !lines.isEmpty else { return }
        self.deposits.withLock { $0.append(lines) }
    }

    /// Every buffer deposited since the last call, each ending with a newline.
    public func take() -> [[UInt8]] {
        self.deposits.withLock { deposits in
            defer { deposits = [] }
            return deposits
        }
    }
}
