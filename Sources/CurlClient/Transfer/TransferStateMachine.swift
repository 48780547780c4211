import CCurl

/// The decisions of one transfer on a pooled easy handle, apart from curl: whether its body is collected or
/// relayed as it arrives, and when a relayed body is paused and resumed. Pure: events in, decisions out;
/// ``EasyHandle`` and ``CurlClient`` make the curl calls.
///
/// A relayed (streamed) body flows while its consumer keeps up. When the consumer says it holds enough, the next
/// bytes curl offers are refused with `CURL_WRITEFUNC_PAUSE` (curl keeps them and stops reading the socket, so the
/// upstream's TCP window closes); when the consumer asks for more, the transfer is unpaused with `curl_easy_pause`,
/// outside any curl callback. Bytes are also refused while a delivery's worth (`highWater`) waits for the consumer,
/// so what one transfer holds is bounded whatever curl reads in one call.
///
/// A request body sent as it arrives pauses the other direction: when curl asks for body bytes and none are there yet,
/// its read callback returns `CURL_READFUNC_PAUSE`, and the transfer is unpaused once bytes (or the body's end) are
/// supplied. The two pauses are independent; ``pauseMask`` is what `curl_easy_pause` must be told after either
/// changes.
struct TransferStateMachine: Equatable {
    enum Phase: Equatable {
        /// The handle is in the pool.
        case idle
        /// Running; the response head is not whole yet.
        case awaitingHead(streams: Bool)
        /// The body is collected whole, for a handler that gets the response once the transfer ends.
        case collecting
        /// The body is relayed to a consumer as it arrives.
        case streaming(Relay)
    }

    struct Relay: Equatable {
        /// Whether the consumer has been told the head.
        var headTold = false
        /// Whether the consumer takes more bytes; false after it said it holds enough.
        var consumerReady = true
        /// Whether curl holds the transfer paused (a write callback returned `CURL_WRITEFUNC_PAUSE`).
        var curlPaused = false
    }

    enum BodyDecision: Equatable {
        /// Take the bytes.
        case take
        /// Return `CURL_WRITEFUNC_PAUSE`: curl keeps the bytes and offers them again once unpaused.
        case pause
    }

    private(set) var phase: Phase = .idle
    /// Whether curl holds the request body's sending paused (a read callback returned `CURL_READFUNC_PAUSE`).
    private(set) var sendPaused = false

    /// Whether a transfer runs on the handle.
    var isRunning: Bool { self.phase != .idle }

    /// Whether the running transfer relays its body.
    var streams: Bool {
        switch self.phase {
        case .awaitingHead(let streams): streams
        case .streaming: true
        case .idle, .collecting: false
        }
    }

    /// A transfer starts; `streams` when its body is relayed as it arrives.
    mutating func start(streams: Bool) {
        precondition(self.phase == .idle, "a transfer started on a busy handle")
        self.phase = .awaitingHead(streams: streams)
    }

    /// The final response's head is whole (curl's blank header line after a status of 200 or more).
    mutating func headEnded() {
        guard case .awaitingHead(let streams) = self.phase else { return }
        self.phase = streams ? .streaming(Relay()) : .collecting
    }

    /// The consumer was told the head.
    mutating func headTold() {
        guard case .streaming(var relay) = self.phase else { return }
        relay.headTold = true
        self.phase = .streaming(relay)
    }

    /// Whether the consumer still has to be told the head.
    var owesHead: Bool {
        guard case .streaming(let relay) = self.phase else { return false }
        return !relay.headTold
    }

    /// The recipient of a relayed transfer chose, at its head, to collect the body whole instead: bytes curl offers
    /// from now on are taken into the collection. True when curl holds the transfer paused and must be told to go on.
    mutating func collectInstead() -> Bool {
        guard case .streaming(let relay) = self.phase else { return false }
        self.phase = .collecting
        return relay.curlPaused
    }

    /// curl offers `count` body bytes while `waiting` bytes await delivery to the consumer.
    mutating func bodyArrived(count: Int, waiting: Int, highWater: Int) -> BodyDecision {
        switch self.phase {
        case .awaitingHead(true):
            // curl reports the blank line first; a body without one is still the final response's.
            self.phase = .streaming(Relay())
            return self.bodyArrived(count: count, waiting: waiting, highWater: highWater)
        case .streaming(var relay):
            if !relay.consumerReady || (waiting > 0 && waiting + count > highWater) {
                relay.curlPaused = true
                self.phase = .streaming(relay)
                return .pause
            }
            return .take
        case .idle, .awaitingHead(false), .collecting:
            return .take
        }
    }

    /// The consumer took a delivery and said whether it takes more; true when curl holds the transfer paused (for a
    /// full delivery) and must be told to go on.
    mutating func delivered(consumerReady: Bool) -> Bool {
        guard case .streaming(var relay) = self.phase else { return false }
        relay.consumerReady = consumerReady
        self.phase = .streaming(relay)
        return consumerReady ? self.resume() : false
    }

    /// The consumer asks for more; true when curl holds the transfer paused and must be told to go on.
    mutating func resume() -> Bool {
        guard case .streaming(var relay) = self.phase else { return false }
        let unpause = relay.curlPaused
        relay.consumerReady = true
        relay.curlPaused = false
        self.phase = .streaming(relay)
        return unpause
    }

    /// curl asked for request body bytes and none were there: its read callback pauses the sending.
    mutating func bodyStarved() {
        guard self.isRunning else { return }
        self.sendPaused = true
    }

    /// Body bytes, or the body's end, were supplied; true when curl holds the sending paused and must be told to go on.
    mutating func bodySupplied() -> Bool {
        defer { self.sendPaused = false }
        return self.sendPaused
    }

    /// Whether curl holds the transfer paused on the gateway's side: a relayed body for its consumer, or a request
    /// body waiting for its supplier. The upstream's silence meanwhile is not its own.
    var isHeldBack: Bool { self.pauseMask != 0 }

    /// What to tell `curl_easy_pause` after a pause changed: the directions still paused (0, `CURLPAUSE_CONT`, lets
    /// both go on).
    var pauseMask: Int32 {
        var mask: Int32 = 0
        if case .streaming(let relay) = self.phase, relay.curlPaused { mask |= CURLPAUSE_RECV }
        if self.sendPaused { mask |= CURLPAUSE_SEND }
        return mask
    }

    /// The transfer ended (finished, cancelled, or abandoned at shutdown): the handle is back in the pool.
    mutating func ended() {
        self.phase = .idle
        self.sendPaused = false
    }
}
