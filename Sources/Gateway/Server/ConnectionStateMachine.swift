import CurlClient

/// The decisions of one client connection, apart from its I/O: which phase of an exchange it is in, how long it
/// may wait there, and what a hang-up, a drain, a deadline or a written response lead to. Pure: events in, actions
/// out; ``ClientConnection`` reads and writes the socket and does what the actions say. Instants are the loop's
/// monotonic milliseconds.
///
/// Deadlines (all from ``Timeouts``): a connection between requests may wait `idle` for the first byte of the
/// next; from that byte the whole head must arrive within `head` (haproxy's `timeout http-request`), and from the
/// head the whole body within `body`. A request head or body that misses its deadline is answered `408` and the
/// connection closes; a body streaming upstream as it arrives that misses it closes the connection (part of the
/// request is upstream: no answer can be clean); one already upstream is bounded by the upstream timeout instead. A response must make
/// progress: a client that reads nothing of it for `idle` is closed (nginx's `send_timeout`). A response relayed
/// from the upstream as it arrives must make progress too: `idle` without the upstream sending or the client
/// reading closes it (nginx's `proxy_read_timeout` and `send_timeout` in one).
///
/// A client that shuts down its sending side still gets the responses to every whole request it sent, then the
/// connection closes (RFC 9112 §9.6); a hang-up before a request is whole ends the connection at once. A drain closes
/// connections with no request in flight (idle, or part of a head) at once, and the rest after their response; when
/// that response was framed to keep the connection before the drain, a request the client already sent behind it is
/// answered too (with close), and a head not whole by then is not waited for.
struct ConnectionStateMachine {
    struct Timeouts: Equatable {
        var idle: UInt64
        var head: UInt64
        var body: UInt64
    }

    enum Phase: Equatable {
        /// Between requests, since the given instant.
        case idle(since: UInt64)
        /// Part of a request head has arrived; the rest is due by `deadline`.
        case readingHead(deadline: UInt64)
        /// The head was routed; the body is due by `deadline`.
        case readingBody(deadline: UInt64)
        /// The request's head is upstream and its body goes there as it arrives, due whole by `deadline` (the body's).
        case uploading(CurlClient.TransferID?, deadline: UInt64)
        /// The request is upstream: its transfer, once curl took it.
        case forwarding(CurlClient.TransferID?)
        /// Work is being done off the loop: a large translation of the request or its response, or an answer the
        /// gateway prepares itself (the report).
        case answering
        /// The response's head is out and its body is relayed from `transfer` as it arrives; the upstream must send,
        /// or the client take, some of it by `deadline`.
        case relaying(CurlClient.TransferID?, deadline: UInt64)
        /// The response is being written; the client must take some of it by `deadline`.
        case writing(deadline: UInt64)
        case closed
    }

    enum Action: Equatable {
        case none
        case close
        /// Read nothing more: the client sent all it will.
        case stopReading
        /// Serve the next request, if its bytes have arrived.
        case readNext
        /// Answer `408` and close: the request did not arrive in time.
        case answerRequestTimeout
    }

    let timeouts: Timeouts
    private(set) var phase: Phase
    /// Whether the connection closes once the response being prepared or written is out.
    private(set) var closesAfterResponse = false
    /// Whether the client shut down its sending side (or the connection failed for reading).
    private(set) var hasInputEnded = false
    /// Whether the gateway drains: a response framed to keep the connection before the drain is followed by at most
    /// one request already buffered, whose response says close; a head not whole by then is not waited for.
    private var isDraining = false

    init(timeouts: Timeouts, now: UInt64) {
        self.timeouts = timeouts
        self.phase = .idle(since: now)
    }

    /// Whether a request is being received: nothing of it is upstream or answered yet.
    var isReceiving: Bool {
        switch self.phase {
        case .idle, .readingHead, .readingBody, .uploading: true
        case .forwarding, .answering, .relaying, .writing, .closed: false
        }
    }

    /// Whether the request is upstream, its response not begun: forwarded, or with its body still uploading.
    var awaitsResponse: Bool {
        switch self.phase {
        case .uploading, .forwarding: true
        default: false
        }
    }

    /// Bytes arrived: the first of a request starts its head's deadline.
    mutating func received(now: UInt64) {
        if case .idle = self.phase { self.phase = .readingHead(deadline: now + self.timeouts.head) }
    }

    /// The head is whole and routed to the upstream: its body's deadline starts.
    mutating func headRead(now: UInt64) {
        guard self.isReceiving else { return }
        self.phase = .readingBody(deadline: now + self.timeouts.body)
    }

    /// The request's head went upstream as `transfer` (nil until curl took it); its body follows as it arrives,
    /// still due by the body's deadline.
    mutating func uploading(_ transfer: CurlClient.TransferID?) {
        switch self.phase {
        case .readingBody(let deadline), .uploading(_, let deadline):
            self.phase = .uploading(transfer, deadline: deadline)
        default:
            break
        }
    }

    /// Part of the streamed body arrived, or the upstream takes parts again after a pause: the body's deadline
    /// moves to a body timeout from `now`. A streamed body has no size limit, so its timeout bounds the silence
    /// between parts (as nginx's `client_body_timeout` does), where a body read whole must arrive within it.
    mutating func uploadProgressed(now: UInt64) {
        guard case .uploading(let transfer, _) = self.phase else { return }
        self.phase = .uploading(transfer, deadline: now + self.timeouts.body)
    }

    /// The streamed body is all upstream: the request waits for its response.
    mutating func uploaded() {
        guard case .uploading(let transfer, _) = self.phase else { return }
        self.phase = .forwarding(transfer)
    }

    /// The request went upstream as `transfer` (nil until curl took it).
    mutating func forwarding(_ transfer: CurlClient.TransferID?) {
        guard self.phase != .closed else { return }
        self.phase = .forwarding(transfer)
    }

    /// The answer is prepared off the loop; `unreadBody` when the request's body was not read, so the connection
    /// cannot carry on after it. An answer prepared while the body was still streaming upstream leaves the rest of
    /// it unread too.
    mutating func answering(unreadBody: Bool) {
        guard self.phase != .closed else { return }
        let uploading = if case .uploading = self.phase { true } else { false }
        if unreadBody || uploading { self.closesAfterResponse = true }
        self.phase = .answering
    }

    /// A response starts; `keepAlive` is what the request and the response allow. `unreadBody` when the request's
    /// body was not read (the connection cannot carry on), `draining` when the gateway is shutting down, `lastInput`
    /// when the client sent all it will and no further request is buffered.
    mutating func responding(
        now: UInt64,
        keepAlive: Bool,
        unreadBody: Bool = false,
        draining: Bool = false,
        lastInput: Bool = false
    ) {
        guard self.phase != .closed else { return }
        // An answer while the body was still streaming upstream leaves the rest of it unread.
        let uploading = if case .uploading = self.phase { true } else { false }
        self.decideKeepAlive(
            keepAlive,
            unreadBody: unreadBody || uploading,
            draining: draining,
            lastInput: lastInput
        )
        self.phase = .writing(deadline: now + self.timeouts.idle)
    }

    /// A forwarded request's response starts, its body to be relayed from its transfer as it arrives; the arguments
    /// are as for ``responding(now:keepAlive:unreadBody:draining:lastInput:)``.
    /// A response that starts while the body is still uploading leaves the rest unread: the connection closes after.
    mutating func relaying(now: UInt64, keepAlive: Bool, draining: Bool = false, lastInput: Bool = false) {
        let transfer: CurlClient.TransferID?
        let unreadBody: Bool
        switch self.phase {
        case .forwarding(let forwarded): (transfer, unreadBody) = (forwarded, false)
        case .uploading(let uploading, _): (transfer, unreadBody) = (uploading, true)
        default: return
        }
        self.decideKeepAlive(keepAlive, unreadBody: unreadBody, draining: draining, lastInput: lastInput)
        self.phase = .relaying(transfer, deadline: now + self.timeouts.idle)
    }

    /// The relayed body is all in the output: what is left is writing it.
    mutating func relayEnded(now: UInt64) {
        guard case .relaying = self.phase else { return }
        self.phase = .writing(deadline: now + self.timeouts.idle)
    }

    private mutating func decideKeepAlive(_ keepAlive: Bool, unreadBody: Bool, draining: Bool, lastInput: Bool) {
        if !keepAlive || unreadBody || draining || (lastInput && self.hasInputEnded) { self.closesAfterResponse = true }
    }

    /// The client took some of the response, or the upstream sent more of a relayed one: another `idle` for the rest.
    mutating func wrote(now: UInt64) {
        switch self.phase {
        case .writing: self.phase = .writing(deadline: now + self.timeouts.idle)
        case .relaying(let transfer, _): self.phase = .relaying(transfer, deadline: now + self.timeouts.idle)
        default: break
        }
    }

    /// Whether the response about to be written keeps the connection open.
    var keepsAlive: Bool { !self.closesAfterResponse }

    /// The response is written. `inputPending` when bytes of a next request are already buffered.
    mutating func written(now: UInt64, inputPending: Bool) -> Action {
        guard case .writing = self.phase else { return .none }
        if self.closesAfterResponse || ((self.hasInputEnded || self.isDraining) && !inputPending) { return .close }
        if self.isDraining { self.closesAfterResponse = true }
        self.phase = inputPending ? .readingHead(deadline: now + self.timeouts.head) : .idle(since: now)
        return .readNext
    }

    /// The client's sending side ended (a read of zero bytes, or a failed read).
    mutating func inputEnded() -> Action {
        self.hasInputEnded = true
        switch self.phase {
        case .closed:
            return .none
        case .idle, .readingHead, .readingBody, .uploading:
            // Nothing whole to answer: the request can never be completed.
            return .close
        case .forwarding, .answering, .relaying, .writing:
            // Requests already buffered are still answered (see `written`).
            return .stopReading
        }
    }

    /// The buffered input holds no whole request: with the client's sending side shut, none will come; while
    /// draining, a head that is not whole is not waited for (a body on its way still is).
    func needsMoreInput() -> Action {
        if self.hasInputEnded { return .close }
        if self.isDraining, case .readingHead = self.phase { return .close }
        return .none
    }

    /// Graceful shutdown.
    mutating func drain() -> Action {
        self.isDraining = true
        switch self.phase {
        case .closed:
            return .none
        case .idle, .readingHead:
            return .close
        case .readingBody, .uploading, .forwarding, .answering:
            self.closesAfterResponse = true
            return .none
        case .relaying, .writing:
            // The response was framed before the drain, perhaps to keep the connection: closing right after it
            // would drop requests the client already pipelined behind it (RFC 9112 §9.3.2), so the next one is
            // still read, and its response says close (see `written`).
            return .none
        }
    }

    /// What is due at `now`: an idle connection past its wait closes; a request past its head or body deadline is
    /// answered `408`.
    mutating func expire(now: UInt64) -> Action {
        switch self.phase {
        case .idle(let since) where now >= since + self.timeouts.idle:
            return .close
        case .readingHead(let deadline) where now >= deadline, .readingBody(let deadline) where now >= deadline:
            self.closesAfterResponse = true
            return .answerRequestTimeout
        case .writing(let deadline) where now >= deadline, .relaying(_, let deadline) where now >= deadline:
            return .close
        case .uploading(_, let deadline) where now >= deadline:
            // Part of the request is upstream already: no answer can be clean.
            return .close
        default:
            return .none
        }
    }

    /// The connection closed: after a ``Action/close`` this machine returned, a failed socket, or the end of a
    /// drain. Only this moves to ``Phase/closed``, so the connection closes its socket exactly once.
    mutating func closed() {
        self.phase = .closed
    }
}
