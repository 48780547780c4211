import Glibc

/// Bytes waiting to be written to a client, written without blocking and resumed where a write stopped.
struct OutputQueue {
    enum WriteOutcome {
        /// Everything queued is written.
        case drained
        /// The socket is full; wait until it is writable.
        case pending
        /// The peer is gone.
        case failed
    }

    private var chunks: [[UInt8]] = []
    private var offset = 0
    /// Bytes queued and not yet written.
    private(set) var byteCount = 0

    var isEmpty: Bool { self.chunks.isEmpty }

    mutating func enqueue(_ output: ResponseSerializer.Output) {
        self.enqueue(output.head)
        self.enqueue(output.body)
    }

    mutating func enqueue(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        self.chunks.append(bytes)
        self.byteCount += bytes.count
    }

    /// Writes `bytes` after what is queued: straight from the caller's memory when nothing is, queuing a copy of what
    /// the socket does not take now.
    mutating func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> WriteOutcome {
        guard self.chunks.isEmpty else {
            self.enqueue(Array(bytes))
            return self.write(to: fd)
        }
        let (sent, outcome) = Self.send(bytes, to: fd)
        if outcome == .pending { self.enqueue(Array(bytes[sent...])) }
        return outcome
    }

    mutating func write(to fd: Int32) -> WriteOutcome {
        while let chunk = self.chunks.first {
            let (sent, outcome) = chunk.withUnsafeBytes {
                Self.send(UnsafeRawBufferPointer(rebasing: $0[self.offset...]), to: fd)
            }
            self.offset += sent
            self.byteCount -= sent
            guard outcome == .drained else { return outcome }
            self.chunks.removeFirst()
            self.offset = 0
        }
        return .drained
    }

    /// Sends as much of `bytes` as the socket takes now: how many it took, and whether that was all of them.
    private static func send(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> (sent: Int, outcome: WriteOutcome) {
        var sent = 0
        while sent < bytes.count {
            // MSG_NOSIGNAL: a client that hung up must cost us an error code, not a SIGPIPE.
            let written = Glibc.send(fd, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            if written < 0 {
                if errno == EINTR { continue }
                return (sent, errno == EAGAIN || errno == EWOULDBLOCK ? .pending : .failed)
            }
            sent += written
        }
        return (sent, .drained)
    }
}
