import EventLoop
import Glibc
import Testing

/// ``EventLoop/runAtTurnEnd(_:)``: deferred work runs once, after every event of its turn, and before the loop waits
/// again.
@Suite struct EventLoopTurnEndTests {
    @Test func deferredTasksRunAfterTheTurnsEventsAndBeforeTheNextWait() throws {
        let loop = try EventLoop()
        let log = TurnLog()
        // Two descriptors readable before the loop starts: its first turn serves both.
        let readers = try ["a", "b"].map { name in try ReadableSocket(name, loop: loop, log: log) }
        // Bounds a failure: a loop that never ran its tasks would otherwise wait forever.
        let bound = StopAfter(milliseconds: 2000, loop: loop)
        loop.addDeadlineSource(bound)
        loop.run()

        #expect(!bound.fired, "the deferred tasks did not stop the loop in its first turn")
        let reads = log.entries.prefix(2)
        #expect(Set(reads) == ["read a", "read b"])
        // Each task once, in the order deferred; the one deferred from a task runs in the same turn.
        #expect(Array(log.entries.dropFirst(2)) == reads.map { "end " + $0.dropFirst("read ".count) } + ["end again"])
        _ = readers
    }
}

private final class TurnLog {
    var entries: [String] = []
}

/// A socket pair whose reading end is registered with the loop and has a byte waiting. Reading it defers a task
/// that logs the end of the turn; the first such task to run defers one more, which stops the loop.
private final class ReadableSocket: IOHandler, TurnEndTask {
    private let name: String
    private let loop: EventLoop
    private let log: TurnLog
    private var descriptors: [Int32] = [0, 0]

    init(_ name: String, loop: EventLoop, log: TurnLog) throws {
        self.name = name
        self.loop = loop
        self.log = log
        try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &self.descriptors) == 0)
        var byte: UInt8 = 1
        try #require(write(self.descriptors[1], &byte, 1) == 1)
        try loop.register(self.descriptors[0], interest: .readable, handler: self)
    }

    deinit {
        close(self.descriptors[0])
        close(self.descriptors[1])
    }

    func handle(_ events: IOEvents) {
        var byte: UInt8 = 0
        _ = read(self.descriptors[0], &byte, 1)
        self.log.entries.append("read \(self.name)")
        self.loop.runAtTurnEnd(self)
    }

    func turnEnded() {
        self.log.entries.append("end \(self.name)")
        // The first task to run defers one more.
        if self.log.entries.count == 3 { self.loop.runAtTurnEnd(DeferredAgain(loop: self.loop, log: self.log)) }
    }
}

private final class DeferredAgain: TurnEndTask {
    private let loop: EventLoop
    private let log: TurnLog

    init(loop: EventLoop, log: TurnLog) {
        self.loop = loop
        self.log = log
    }

    func turnEnded() {
        self.log.entries.append("end again")
        self.loop.stop()
    }
}

private final class StopAfter: DeadlineSource {
    private let loop: EventLoop
    let nextDeadline: UInt64?
    private(set) var fired = false

    init(milliseconds: UInt64, loop: EventLoop) {
        self.loop = loop
        self.nextDeadline = MonotonicClock.nowMilliseconds() + milliseconds
    }

    func deadlineReached(now: UInt64) {
        self.fired = true
        self.loop.stop()
    }
}
