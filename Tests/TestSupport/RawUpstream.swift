import Foundation
import Glibc

/// An upstream on 127.0.0.1 that answers every request with the same exact bytes, framing and all, then closes the
/// connection: for responses no HTTP library would send (bare CRs in fields, odd transfer codings, two lengths).
/// It reads each request's head before answering and no more; with `holdingConnections` it then keeps the connection
/// open without reading, as an upstream that answers before it reads a body does.
public final class RawUpstream: @unchecked Sendable {
    private let socket: ListeningTCPSocket
    private let response: [UInt8]
    private let thread: Thread?
    /// Connections answered and held open, closed by ``stop()``.
    private let held = HeldConnections()

    public var port: Int { self.socket.port }
    public var url: String { "http://127.0.0.1:\(self.port)" }

    /// Starts answering with `response` (written as is).
    public convenience init(answering response: String, holdingConnections: Bool = false) throws {
        try self.init(answering: Array(response.utf8), holdingConnections: holdingConnections)
    }

    /// Starts answering with `response`'s bytes, which need not be text (a coded body).
    public init(answering response: [UInt8], holdingConnections: Bool = false) throws {
        self.socket = try ListeningTCPSocket()
        self.response = response
        let (fd, bytes, held) = (self.socket.fd, self.response, self.held)
        let thread = Thread {
            while true {
                let connection = Glibc.accept(fd, nil, nil)
                guard connection >= 0 else { return }
                Self.readHead(connection)
                _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if holdingConnections {
                    held.add(connection)
                } else {
                    Glibc.close(connection)
                }
            }
        }
        self.thread = thread
        thread.start()
    }

    /// Stops accepting: the listening socket is shut down, which ends the accepting thread.
    public func stop() {
        shutdown(self.socket.fd, Int32(SHUT_RDWR))
        self.held.closeAll()
    }

    private static func readHead(_ connection: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !received.contains([13, 10, 13, 10]) {
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            received += chunk[..<count]
        }
    }
}

/// The accepting thread adds, ``RawUpstream/stop()`` closes.
private final class HeldConnections: @unchecked Sendable {
    private let lock = NSLock()
    private var descriptors: [Int32] = []

    func add(_ descriptor: Int32) {
        self.lock.withLock { self.descriptors.append(descriptor) }
    }

    func closeAll() {
        for descriptor in self.lock.withLock({ self.descriptors }) { Glibc.close(descriptor) }
    }
}

extension [UInt8] {
    fileprivate func contains(_ part: [UInt8]) -> Bool {
        self.count >= part.count
            && self.indices.dropLast(part.count - 1).contains { self[$0..<($0 + part.count)].elementsEqual(part) }
    }
}
