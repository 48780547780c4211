import CurlClient
import EventLoop
import Glibc

/// One event loop's share of the gateway: its descriptor of the listening socket, the connections it accepted, and
/// the curl client that serves their upstream requests.
///
/// Concurrency: confined to its loop's thread. Other threads reach it only through `loop.execute`.
final class GatewayWorker: IOHandler {
    private enum State {
        case running
        /// Not accepting; closing each connection once its exchange is done, or at the deadline.
        case draining(deadline: UInt64)
        case stopped
    }

    let loop: EventLoop
    /// Replaced whole when the versions reload; each request uses the pipeline current when it arrives.
    var pipeline: RequestPipeline
    /// One client per upstream, indexed like ``RequestPipeline/upstreams``: each its own connection pool.
    let curls: [CurlClient]
    /// Scratch space every connection of this loop reads into; only one reads at a time.
    let readBuffer: UnsafeMutableRawBufferPointer
    private let listener: ListeningSocket
    /// Connections taken per wake-up. A loop that shares the listener takes few, so that a burst of connections
    /// also wakes the other loops instead of landing on whichever woke first.
    private let acceptBatch: Int
    private var connections: [Int32: ClientConnection] = [:]
    private var state = State.running
    private var nextSweep: UInt64
    private let idleTimeout: UInt64

    /// - Parameter sharedWithOtherLoops: other loops of this process accept from the same listening socket.
    init(loop: EventLoop, listener: ListeningSocket, sharedWithOtherLoops: Bool, pipeline: RequestPipeline) throws {
        self.loop = loop
        self.listener = listener
        self.acceptBatch = sharedWithOtherLoops ? 4 : 64
        self.pipeline = pipeline
        self.curls = try pipeline.upstreams.map {
            try CurlClient(loop: loop, configuration: pipeline.configuration.curlConfiguration(for: $0))
        }
        self.readBuffer = .allocate(byteCount: 64 * 1024, alignment: 16)
        self.idleTimeout = UInt64(pipeline.configuration.idleTimeoutSeconds * 1000)
        self.nextSweep = loop.now + 1000
        try loop.register(listener.fd, interest: .readable, handler: self, wakesOneLoop: sharedWithOtherLoops)
        loop.addDeadlineSource(self)
    }

    deinit {
        self.readBuffer.deallocate()
    }

    var isDraining: Bool {
        if case .running = self.state { return false }
        return true
    }

    /// Accepts what is waiting, up to a batch, so one busy listener cannot starve the connections.
    func handle(_ events: IOEvents) {
        guard case .running = self.state else { return }
        for _ in 0..<self.acceptBatch {
            guard let (fd, address) = self.listener.accept() else { return }
            let connection = ClientConnection(fd: fd, clientAddress: address, worker: self)
            do {
                try self.loop.register(fd, interest: .readable, handler: connection)
                self.connections[fd] = connection
            } catch {
                Glibc.close(fd)
            }
        }
    }

    func connectionClosed(_ connection: ClientConnection) {
        self.connections.removeValue(forKey: connection.fd)
        if case .draining = self.state, self.connections.isEmpty { self.stop() }
    }

    /// Stops accepting and lets every connection finish its exchange in progress, then stops the loop.
    func beginDrain() {
        guard case .running = self.state else { return }
        let drainTime = UInt64(self.pipeline.configuration.drainTimeoutSeconds * 1000)
        self.state = .draining(deadline: self.loop.now + drainTime)
        self.loop.deregister(self.listener.fd)
        Glibc.close(self.listener.fd)
        for connection in Array(self.connections.values) { connection.drain() }
        if self.connections.isEmpty { self.stop() }
    }

    private func stop() {
        if case .stopped = self.state { return }
        self.state = .stopped
        for curl in self.curls { curl.shutdown() }
        self.loop.removeDeadlineSource(self)
        self.loop.stop()
    }
}

extension GatewayWorker: DeadlineSource {
    var nextDeadline: UInt64? {
        switch self.state {
        case .running: self.nextSweep
        case .draining(let deadline): min(deadline, self.nextSweep)
        case .stopped: nil
        }
    }

    /// Closes connections that waited too long for a request and, past the drain deadline, all the rest.
    func deadlineReached(now: UInt64) {
        if case .draining(let deadline) = self.state, now >= deadline {
            for connection in Array(self.connections.values) { connection.close() }
            return
        }
        guard now >= self.nextSweep else { return }
        self.nextSweep = now + 1000
        for connection in Array(self.connections.values) where connection.isIdle(now: now, timeout: self.idleTimeout) {
            connection.close()
        }
    }
}
