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
        var offset = 0
        while offset < bytes.count {
            let written = send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if written < 0 {
                if errno == EINTR { continue }
                guard errno == EAGAIN || errno == EWOULDBLOCK else { return .failed }
                self.enqueue(Array(bytes[offset...]))
                return .pending
            }
            offset += written
        }
        return .drained
    }

    mutating func write(to fd: Int32) -> WriteOutcome {
        while let chunk = self.chunks.first {
            // MSG_NOSIGNAL: a client that hung up must cost us an error code, not a SIGPIPE.
            let written = chunk.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + self.offset, raw.count - self.offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR { continue }
                return errno == EAGAIN || errno == EWOULDBLOCK ? .pending : .failed
            }
            self.offset += written
            self.byteCount -= written
            if self.offset == chunk.count {
                self.chunks.removeFirst()
                self.offset = 0
            }
        }
        return .drained
    }
}
