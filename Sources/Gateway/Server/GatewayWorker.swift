import Clients
import CurlClient
import EventLoop
import Glibc
import NIOPosix
import Usage

/// One event loop's share of the gateway: its descriptor of the listening socket, the connections it accepted, and
/// the curl client that serves their upstream requests.
///
/// Concurrency: confined to its loop's thread. Other threads reach it only through `loop.execute`.
final class GatewayWorker: IOHandler {
    private enum State {
        case running
        /// Out of descriptors: the listener is off the loop until the given instant, then tried again.
        case acceptPaused(until: UInt64)
        /// Not accepting; closing each connection once its exchange is done, or at the deadline.
        case draining(deadline: UInt64)
        case stopped
    }

    let loop: EventLoop
    /// Replaced whole when the versions reload; each request uses the pipeline current when it arrives.
    var pipeline: RequestPipeline
    /// One client per upstream, indexed like ``RequestPipeline/upstreams``: each its own connection pool.
    let curls: [CurlClient]
    /// The `Date` field this loop's responses carry, formatted once a second.
    let dateField = DateFieldCache()
    /// This loop's counts for the usage ledger and metrics; nil when the gateway counts nothing.
    private var usage: LoopUsageRecorder?
    /// This loop's access log; nil when the gateway keeps none.
    var accessLog: LoopAccessLog?
    /// Names the clients of this loop's requests, for the ledger and the access log.
    private var clients: ClientIdentifier
    /// The registry as this loop checks tokens against it; replaced whole when the registry changes.
    var clientSnapshot: ClientSnapshot
    /// The registered clients this loop served since it last reported, and the pins to set.
    private var clientActivity = ClientActivity()
    /// Scratch space every connection of this loop reads into; only one reads at a time.
    let readBuffer: UnsafeMutableRawBufferPointer
    /// This loop's place among the loops.
    let index: Int
    private let listener: ListeningSocket
    /// Deals the connections this loop accepts among all loops; nil when it is the only one.
    private let balancer: ConnectionBalancer?
    private var connections: [Int32: ClientConnection] = [:]
    private var state = State.running
    private var nextSweep: UInt64
    /// When this loop last told the operator it ran out of descriptors.
    private var lastShortageNotice: UInt64?
    /// The deadlines of every connection of this loop, in milliseconds.
    let connectionTimeouts: ConnectionStateMachine.Timeouts
    /// What this loop may hold of request and response bodies at once: its share of
    /// ``GatewayConfiguration/maxBufferedBytes``.
    let budget: BufferBudget
    /// Where large translations run off the loops (see ``translatesOffLoop(bodyBytes:coded:)``): one pool for every
    /// loop, first come first served, so that two large bodies on one loop do not wait for each other while a
    /// thread of the pool is free.
    let translationPool: NIOThreadPool

    /// - Parameters:
    ///   - balancer: deals connections among the loops that share `listener`; nil for a single loop.
    ///   - healthRecords: one per upstream of `pipeline`, shared by every loop.
    ///   - clients: the registry's clients to check tokens against until replaced.
    ///   - translationPool: started, and shared by every loop.
    init(
        loop: EventLoop,
        index: Int,
        listener: ListeningSocket,
        balancer: ConnectionBalancer?,
        pipeline: RequestPipeline,
        healthRecords: [UpstreamHealthRecord],
        clients: ClientSnapshot,
        translationPool: NIOThreadPool
    ) throws {
        self.loop = loop
        self.index = index
        let configuration = pipeline.configuration
        self.budget = BufferBudget(limit: configuration.maxBufferedBytes / max(1, configuration.threads))
        self.listener = listener
        self.balancer = balancer
        self.pipeline = pipeline
        self.clientSnapshot = clients
        self.curls = try zip(pipeline.upstreams, healthRecords).map { [budget] upstream, record in
            try CurlClient(
                loop: loop,
                configuration: pipeline.configuration.curlConfiguration(for: upstream),
                healthRecord: record,
                budget: budget
            )
        }
        self.usage = pipeline.configuration.usage.map(LoopUsageRecorder.init)
        self.accessLog = pipeline.configuration.accessLog.map(LoopAccessLog.init)
        self.clients = ClientIdentifier(fingerprinter: pipeline.configuration.tokenFingerprinter)
        self.readBuffer = .allocate(byteCount: 64 * 1024, alignment: 16)
        self.connectionTimeouts = ConnectionStateMachine.Timeouts(
            idle: UInt64(configuration.idleTimeoutSeconds * 1000),
            head: UInt64(configuration.headTimeoutSeconds * 1000),
            body: UInt64(configuration.bodyTimeoutSeconds * 1000)
        )
        self.translationPool = translationPool
        self.nextSweep = loop.now + 1000
        try loop.register(listener.fd, interest: .readable, handler: self, wakesOneLoop: balancer != nil)
        loop.addDeadlineSource(self)
    }

    deinit {
        self.readBuffer.deallocate()
    }

    /// Whether translating a body of `bodyBytes` (or a content-coded one, which may inflate up to the body limit)
    /// goes off the loop: a 31 MB translation on the loop held every other connection on it for half a second.
    func translatesOffLoop(bodyBytes: Int, coded: Bool) -> Bool {
        coded || bodyBytes > self.pipeline.configuration.offLoopTranslationBytes
    }

    /// Whether answered requests are recorded (ledger, metrics or access log): only then are they measured.
    var observes: Bool { self.usage != nil || self.accessLog != nil }

    /// Counts an answered request to the API and writes its access log line.
    func observe(_ record: ExchangeRecord) {
        // With tokens checked only an accepted token names a client: the client-id header could name anyone, and
        // a refused token is no client (its fingerprint would list every mistyped token as one).
        let client: String
        if let registered = record.client {
            client = registered
        } else if self.pipeline.configuration.authentication.mode != .off {
            client = ClientIdentifier.anonymous
        } else {
            client = self.clients.client(
                authorization: record.head.headers.first("authorization"),
                clientID: record.head.headers.first(self.pipeline.clientIDHeader)
            )
        }
        let route = self.pipeline.ledgerRoute(of: record.head.target)
        self.usage?.record(record, client: client, route: route, now: self.pipeline.configuration.clock())
        self.accessLog?.log(record, client: client, route: route, now: MonotonicClock.nowNanoseconds())
    }

    /// Notes that a registered client was served (or refused for its version): its last use, and its pin when it
    /// has none and the gateway pins clients on their first request.
    func noteServed(_ client: ClientSnapshot.Client) {
        self.clientActivity.used(client.id, at: Int64(time(nil)))
        if client.pin == nil, self.pipeline.configuration.authentication.pinsOnFirstRequest {
            self.clientActivity.pin(client.id, to: self.pipeline.defaultVersion)
        }
    }

    var isDraining: Bool {
        switch self.state {
        case .running, .acceptPaused: false
        case .draining, .stopped: true
        }
    }

    /// Accepts what is waiting, up to a batch, so one busy listener cannot starve the connections, and deals each
    /// to the loop whose turn it is.
    func handle(_ events: IOEvents) {
        guard case .running = self.state else { return }
        for _ in 0..<64 {
            switch self.listener.accept() {
            case .accepted(let fd, let address):
                if let target = self.balancer?.nextWorker(), target.index != self.index {
                    target.adopt(fd: fd, clientAddress: address)
                } else {
                    self.adopt(fd: fd, clientAddress: address)
                }
            case .noneWaiting:
                return
            case .failed:
                continue
            case .outOfDescriptors(let code):
                self.pauseAccepting(code)
                return
            }
        }
    }

    /// How long accepting pauses when the process has no descriptor left: the connection waits in the backlog, and
    /// trying again at once would only fail again (a loop that retried at once spun at 100% CPU).
    private static let acceptPauseMilliseconds: UInt64 = 100

    /// Takes the listener off the loop for a moment, says so (at most once a minute), and counts it.
    private func pauseAccepting(_ code: Int32) {
        self.loop.deregister(self.listener.fd)
        self.state = .acceptPaused(until: self.loop.now + Self.acceptPauseMilliseconds)
        self.usage?.recordAcceptPause()
        // Once per shortage, and no more than once a minute when connections churn at the limit.
        if let last = self.lastShortageNotice, self.loop.now < last + 60_000 { return }
        self.lastShortageNotice = self.loop.now
        let limit = code == EMFILE ? "this process's open-files limit" : "the system's open-files limit"
        self.pipeline.configuration.notice?(
            "loop \(self.index) reached \(limit) (\(code == EMFILE ? "EMFILE" : "errno \(code)")): new connections wait "
                + "in the backlog while it lasts; raise `ulimit -n` (each connection takes one descriptor, and one "
                + "more toward the upstream)"
        )
    }

    /// Puts the listener back on the loop after a pause.
    private func resumeAccepting() {
        do {
            try self.loop.register(
                self.listener.fd,
                interest: .readable,
                handler: self,
                wakesOneLoop: self.balancer != nil
            )
            self.state = .running
        } catch {
            self.state = .acceptPaused(until: self.loop.now + Self.acceptPauseMilliseconds)
        }
    }

    /// Serves a connection on this loop; one that arrives while the loop drains is closed at once.
    func adopt(fd: Int32, clientAddress: String) {
        guard !self.isDraining else {
            Glibc.close(fd)
            return
        }
        let connection = ClientConnection(fd: fd, clientAddress: clientAddress, worker: self)
        do {
            try self.loop.register(fd, interest: .readable, handler: connection)
            self.connections[fd] = connection
        } catch {
            Glibc.close(fd)
        }
    }

    func connectionClosed(_ connection: ClientConnection) {
        self.connections.removeValue(forKey: connection.fd)
        if case .draining = self.state, self.connections.isEmpty { self.stop() }
    }

    /// Stops accepting and lets every connection finish its exchange in progress (and a request already pipelined
    /// behind a response framed before the drain), then stops the loop.
    func beginDrain() {
        guard !self.isDraining else { return }
        if case .running = self.state { self.loop.deregister(self.listener.fd) }
        let drainTime = UInt64(self.pipeline.configuration.drainTimeoutSeconds * 1000)
        self.state = .draining(deadline: self.loop.now + drainTime)
        Glibc.close(self.listener.fd)
        for connection in Array(self.connections.values) { connection.drain() }
        if self.connections.isEmpty { self.stop() }
    }

    private func stop() {
        if case .stopped = self.state { return }
        self.state = .stopped
        self.handOver()
        for curl in self.curls { curl.shutdown() }
        self.loop.removeDeadlineSource(self)
        self.loop.stop()
    }
}

extension GatewayWorker {
    /// Hands what the loop recorded to the tasks that write it: usage counts, access log lines, client activity.
    fileprivate func handOver() {
        self.usage?.handOver()
        self.accessLog?.handOver()
        if !self.clientActivity.isEmpty {
            self.pipeline.configuration.authentication.activity?.deposit(self.clientActivity)
            self.clientActivity = ClientActivity()
        }
    }
}

extension GatewayWorker: DeadlineSource {
    var nextDeadline: UInt64? {
        switch self.state {
        case .running: self.nextSweep
        case .acceptPaused(let until): min(until, self.nextSweep)
        case .draining(let deadline): min(deadline, self.nextSweep)
        case .stopped: nil
        }
    }

    /// Closes connections that waited too long for a request and, past the drain deadline, all the rest; hands the
    /// usage counts over once a second.
    func deadlineReached(now: UInt64) {
        if case .draining(let deadline) = self.state, now >= deadline {
            for connection in Array(self.connections.values) { connection.close() }
            return
        }
        if case .acceptPaused(let until) = self.state, now >= until { self.resumeAccepting() }
        guard now >= self.nextSweep else { return }
        self.nextSweep = now + 1000
        self.handOver()
        for connection in Array(self.connections.values) { connection.expire(now: now) }
    }
}
