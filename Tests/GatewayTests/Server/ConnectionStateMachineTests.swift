import CurlClient
import Testing

@testable import Gateway

/// The client connection's decisions, without sockets: deadlines, hang-ups, drains and keep-alive.
@Suite struct ConnectionStateMachineTests {
    typealias Machine = ConnectionStateMachine
    private let timeouts = Machine.Timeouts(idle: 60_000, head: 20_000, body: 30_000)

    private func machine(at now: UInt64 = 1_000) -> Machine { Machine(timeouts: self.timeouts, now: now) }

    @Test func theFirstByteStartsTheHeadsDeadlineAndTheHeadTheBodys() {
        var machine = self.machine()
        #expect(machine.phase == .idle(since: 1_000))
        machine.received(now: 2_000)
        #expect(machine.phase == .readingHead(deadline: 22_000))
        machine.received(now: 5_000)
        #expect(machine.phase == .readingHead(deadline: 22_000), "later bytes do not move the deadline")
        machine.headRead(now: 6_000)
        #expect(machine.phase == .readingBody(deadline: 36_000))
    }

    @Test(arguments: [
        (Machine.Phase.idle(since: 1_000), UInt64(61_000), Machine.Action.close),
        (.idle(since: 1_000), 60_999, .none),
        (.readingHead(deadline: 22_000), 22_000, .answerRequestTimeout),
        (.readingHead(deadline: 22_000), 21_999, .none),
        (.readingBody(deadline: 36_000), 36_000, .answerRequestTimeout),
    ])
    func deadlinesExpire(phase: Machine.Phase, now: UInt64, action: Machine.Action) {
        var machine = self.machine(in: phase)
        #expect(machine.expire(now: now) == action)
        #expect(machine.keepsAlive == (action != .answerRequestTimeout))
    }

    @Test func aRequestUpstreamHasNoDeadlineOfTheConnections() {
        for phase in [Machine.Phase.forwarding(nil), .answering] {
            var machine = self.machine(in: phase)
            #expect(machine.expire(now: .max) == .none)
        }
    }

    /// A response must make progress: a client that takes none of it for `idle` is closed (nginx's `send_timeout`).
    @Test func aResponseNobodyReadsIsClosedAfterTheIdleTimeAndProgressBuysMore() {
        var machine = self.machine(in: .writing(deadline: 61_000))
        #expect(machine.expire(now: 60_999) == .none)
        machine.wrote(now: 30_000)
        #expect(machine.phase == .writing(deadline: 90_000))
        #expect(machine.expire(now: 89_999) == .none)
        #expect(machine.expire(now: 90_000) == .close)
    }

    /// A body streaming upstream keeps the body's deadline until a part arrives; missing it closes (part of the
    /// request is upstream, so no answer can be clean), and an answer before it is all up closes after.
    @Test func anUploadKeepsTheBodysDeadlineAndAnEarlyAnswerEndsTheConnection() {
        var machine = self.machine(in: .uploading(nil, deadline: 36_000))
        #expect(machine.isReceiving, "the body's parts are still read")
        #expect(machine.awaitsResponse)
        #expect(machine.expire(now: 35_999) == .none)
        #expect(machine.expire(now: 36_000) == .close)
        machine.relaying(now: 10_000, keepAlive: true)
        #expect(machine.phase == .relaying(nil, deadline: 70_000))
        #expect(!machine.keepsAlive)
        var answered = self.machine(in: .uploading(nil, deadline: 36_000))
        answered.responding(now: 10_000, keepAlive: true)
        #expect(!answered.keepsAlive)
        // The same answer prepared off the loop (a coded or large body to translate).
        var translated = self.machine(in: .uploading(nil, deadline: 36_000))
        translated.answering(unreadBody: false)
        #expect(!translated.keepsAlive)
        var whole = self.machine(in: .uploading(nil, deadline: 36_000))
        whole.uploaded()
        #expect(whole.phase == .forwarding(nil))
        #expect(!whole.isReceiving)
        #expect(whole.awaitsResponse)
    }

    /// A streamed body has no size limit: each part it brings moves its deadline a body timeout on, so it may take
    /// as long as it keeps coming; silence for the timeout still closes.
    @Test func anUploadThatProgressesMovesItsDeadline() {
        var machine = self.machine(in: .uploading(nil, deadline: 36_000))
        machine.uploadProgressed(now: 30_000)
        #expect(machine.phase == .uploading(nil, deadline: 60_000))
        #expect(machine.expire(now: 59_999) == .none)
        #expect(machine.expire(now: 60_000) == .close)
        var reading = self.machine(in: .readingBody(deadline: 36_000))
        reading.uploadProgressed(now: 30_000)
        #expect(reading.phase == .readingBody(deadline: 36_000), "a body read whole keeps its deadline")
    }

    /// A relayed response must make progress too, from either side: the upstream sending or the client reading.
    @Test func aRelayWithoutProgressIsClosedAndItsEndLeavesTheRestToWrite() {
        var machine = self.machine(in: .forwarding(nil))
        machine.relaying(now: 5_000, keepAlive: true)
        #expect(machine.phase == .relaying(nil, deadline: 65_000))
        #expect(machine.expire(now: 64_999) == .none)
        machine.wrote(now: 10_000)
        #expect(machine.phase == .relaying(nil, deadline: 70_000))
        #expect(machine.expire(now: 70_000) == .close)
        machine.relayEnded(now: 11_000)
        #expect(machine.phase == .writing(deadline: 71_000))
        #expect(machine.keepsAlive)
        #expect(machine.written(now: 12_000, inputPending: false) == .readNext)
    }

    @Test func aRelayStartsOnlyFromAForwardedRequestAndDecidesKeepAliveAtItsHead() {
        var machine = self.machine(in: .answering)
        machine.relaying(now: 5_000, keepAlive: true)
        #expect(machine.phase == .answering, "only a transfer relays")
        var closing = self.machine(in: .forwarding(nil))
        closing.relaying(now: 5_000, keepAlive: false)
        #expect(!closing.keepsAlive)
        #expect(!closing.isReceiving)
    }

    /// RFC 9112 §9.6: a client that shuts down its sending side after whole requests still gets their responses.
    @Test(arguments: [
        (Machine.Phase.idle(since: 1_000), Machine.Action.close),
        (.readingHead(deadline: 22_000), .close),
        (.readingBody(deadline: 36_000), .close),
        (.uploading(nil, deadline: 36_000), .close),
        (.forwarding(nil), .stopReading),
        (.answering, .stopReading),
        (.relaying(nil, deadline: 61_000), .stopReading),
        (.writing(deadline: 61_000), .stopReading),
    ])
    func aHangUpEndsWhatIsIncompleteAndLetsWholeRequestsBeAnswered(phase: Machine.Phase, action: Machine.Action) {
        var machine = self.machine(in: phase)
        #expect(machine.inputEnded() == action)
        #expect(machine.hasInputEnded)
        #expect(machine.needsMoreInput() == .close)
        if action == .stopReading {
            // A pipelined request already buffered is answered; the last response says the connection closes.
            machine.responding(now: 8_000, keepAlive: true)
            #expect(machine.keepsAlive)
            #expect(machine.written(now: 9_000, inputPending: true) == .readNext)
            machine.responding(now: 9_000, keepAlive: true, lastInput: true)
            #expect(!machine.keepsAlive)
            #expect(machine.written(now: 9_500, inputPending: false) == .close)
        }
    }

    /// A drain closes connections with no request in flight at once, even one with half a head.
    @Test(arguments: [
        (Machine.Phase.idle(since: 1_000), Machine.Action.close),
        (.readingHead(deadline: 22_000), .close),
        (.readingBody(deadline: 36_000), .none),
        (.uploading(nil, deadline: 36_000), .none),
        (.forwarding(nil), .none),
        (.answering, .none),
        (.relaying(nil, deadline: 61_000), .none),
        (.writing(deadline: 61_000), .none),
    ])
    func aDrainClosesWhatHasNothingInFlight(phase: Machine.Phase, action: Machine.Action) {
        var machine = self.machine(in: phase)
        #expect(machine.drain() == action)
        switch phase {
        case .relaying, .writing: break
        default: #expect(!machine.keepsAlive || action == .close)
        }
    }

    /// A response framed to keep the connection before the drain keeps its word: a request the client pipelined
    /// behind it is still answered, with close (whatever the caller says), and without one the connection closes
    /// after it.
    @Test(arguments: [true, false])
    func aDrainDuringAKeptAliveResponseClosesAfterTheNextResponse(pipelined: Bool) {
        var machine = self.machine(in: .forwarding(nil))
        machine.responding(now: 7_000, keepAlive: true)
        #expect(machine.drain() == .none)
        #expect(machine.keepsAlive, "the response on its way says keep-alive")
        guard pipelined else {
            #expect(machine.written(now: 8_000, inputPending: false) == .close)
            return
        }
        #expect(machine.written(now: 8_000, inputPending: true) == .readNext)
        machine.headRead(now: 8_100)
        machine.forwarding(nil)
        machine.responding(now: 8_200, keepAlive: true)
        #expect(!machine.keepsAlive)
        #expect(machine.written(now: 8_300, inputPending: true) == .close)
    }

    /// What follows a response framed before the drain but is not a whole head (part of one, a stray CRLF) is not
    /// waited for: the drain would otherwise be held until the head timeout, and end in a 408 nobody asked for.
    @Test func aDrainWaitsForNoHeadAfterTheResponseOnItsWay() {
        var machine = self.machine(in: .forwarding(nil))
        machine.responding(now: 7_000, keepAlive: true)
        _ = machine.drain()
        #expect(machine.written(now: 8_000, inputPending: true) == .readNext)
        #expect(machine.needsMoreInput() == .close)
    }

    @Test func aKeptAliveConnectionReadsTheNextRequestAndTimesItsHeadFromTheResponse() {
        var machine = self.machine(in: .forwarding(nil))
        machine.responding(now: 7_000, keepAlive: true)
        #expect(machine.keepsAlive)
        #expect(machine.written(now: 8_000, inputPending: true) == .readNext)
        #expect(machine.phase == .readingHead(deadline: 28_000))
        machine.responding(now: 8_500, keepAlive: true)
        #expect(machine.written(now: 9_000, inputPending: false) == .readNext)
        #expect(machine.phase == .idle(since: 9_000))
    }

    @Test(arguments: [(false, false, false), (true, true, false), (true, false, true)])
    func anUnreadBodyADrainOrAClosingRequestEndTheConnectionAfterItsResponse(
        keepAlive: Bool,
        unreadBody: Bool,
        draining: Bool
    ) {
        var machine = self.machine(in: .readingBody(deadline: 36_000))
        machine.responding(now: 8_000, keepAlive: keepAlive, unreadBody: unreadBody, draining: draining)
        #expect(!machine.keepsAlive)
        #expect(machine.written(now: 9_000, inputPending: true) == .close)
        #expect(machine.phase == .writing(deadline: 68_000), "only closed() closes")
        machine.closed()
        #expect(machine.phase == .closed)
    }

    @Test func anAnswerOffTheLoopWithAnUnreadBodyClosesAfter() {
        var machine = self.machine()
        machine.answering(unreadBody: true)
        #expect(!machine.keepsAlive)
    }

    /// A machine brought to `phase` through its own events.
    private func machine(in phase: Machine.Phase) -> Machine {
        var machine = self.machine()
        switch phase {
        case .idle: break
        case .readingHead: machine.received(now: 2_000)
        case .readingBody:
            machine.received(now: 2_000)
            machine.headRead(now: 6_000)
        case .uploading(let transfer, _):
            machine.received(now: 2_000)
            machine.headRead(now: 6_000)
            machine.uploading(transfer)
        case .forwarding(let transfer): machine.forwarding(transfer)
        case .answering: machine.answering(unreadBody: false)
        case .relaying(let transfer, let deadline):
            machine.forwarding(transfer)
            machine.relaying(now: deadline - self.timeouts.idle, keepAlive: true)
        case .writing(let deadline): machine.responding(now: deadline - self.timeouts.idle, keepAlive: true)
        case .closed: machine.closed()
        }
        #expect(machine.phase == phase)
        return machine
    }
}
