import CEpoll
import Glibc
import Synchronization

/// One thread's event loop: an epoll set of file descriptors, a list of deadline sources, and an inbox for work
/// handed over from other threads.
///
/// Concurrency: everything but ``execute(_:)`` is confined to the thread that calls ``run()`` (checked in debug
/// builds by ``assertInLoop(file:line:)``); handlers and deadline sources are called there and nowhere else.
/// ``execute(_:)`` may be called from any thread.
/// The loop is level-triggered: a handler that leaves data unread is told again on the next turn.
public final class EventLoop: @unchecked Sendable {
    private struct Slot {
        var handler: (any IOHandler)?
        var generation: UInt32 = 0
    }

    private let epollFD: Int32
    private let wakeFD: Int32
    /// Indexed by file descriptor. The generation travels in the epoll event, so an event that was already
    /// collected for a descriptor that has since been closed and reused is dropped rather than misdelivered.
    private var slots: [Slot] = []
    private var deadlineSources: [any DeadlineSource] = []
    /// Tasks deferred to the end of the turn, and the ones running there (kept apart, so that a task may defer
    /// another).
    private var turnEndTasks: [any TurnEndTask] = []
    private var runningTurnEndTasks: [any TurnEndTask] = []
    private let inbox = Mutex<[@Sendable () -> Void]>([])
    private var stopRequested = false
    /// The thread running the loop; nil before ``run()``, while the creating thread sets the loop up.
    private var thread: pthread_t?
    /// The monotonic time in milliseconds when the current turn of the loop began: cheap to read, and precise
    /// enough for timeouts of connections and transfers.
    public private(set) var now: UInt64
    /// The same instant in nanoseconds, where durations begin and end at events of the loop (a request's bytes were
    /// read this turn, its upstream answered this turn): one clock read per turn rather than one per mark.
    public private(set) var nowNanoseconds: UInt64
    private let eventCapacity = 256
    private let events: UnsafeMutablePointer<epoll_event>

    public init() throws(EventLoopError) {
        self.nowNanoseconds = MonotonicClock.nowNanoseconds()
        self.now = self.nowNanoseconds / 1_000_000
        let epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollFD >= 0 else { throw EventLoopError("epoll_create1") }
        let wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard wakeFD >= 0 else {
            close(epollFD)
            throw EventLoopError("eventfd")
        }
        self.epollFD = epollFD
        self.wakeFD = wakeFD
        self.events = .allocate(capacity: self.eventCapacity)
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = UInt64(UInt32(bitPattern: wakeFD))
        guard epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, &event) == 0 else {
            let error = EventLoopError("epoll_ctl(ADD) of the wake-up descriptor")
            close(wakeFD)
            close(epollFD)
            self.events.deallocate()
            throw error
        }
    }

    /// Stops a debug build when called off the loop's thread (once the loop runs); free in release builds, like
    /// SwiftNIO's `assertInEventLoop`.
    @inlinable
    public func assertInLoop(file: StaticString = #fileID, line: UInt = #line) {
        assert(self.isInLoop, "called off its event loop's thread", file: file, line: line)
    }

    /// Whether the caller is on the loop's thread, or the loop has not started yet.
    public var isInLoop: Bool {
        guard let thread = self.thread else { return true }
        return pthread_equal(thread, pthread_self()) != 0
    }

    deinit {
        close(self.wakeFD)
        close(self.epollFD)
        self.events.deallocate()
    }

    /// Starts watching `fd` for `interest`, calling `handler` on readiness.
    /// - Parameter wakesOneLoop: `fd` refers to a socket that other loops watch too (a shared listening socket):
    ///   readiness wakes one waiting loop rather than all of them (`EPOLLEXCLUSIVE`). Its interest cannot change.
    public func register(
        _ fd: Int32,
        interest: IOEvents,
        handler: any IOHandler,
        wakesOneLoop: Bool = false
    ) throws(EventLoopError) {
        self.assertInLoop()
        if Int(fd) >= self.slots.count {
            self.slots.append(contentsOf: repeatElement(Slot(), count: Int(fd) + 1 - self.slots.count))
        }
        self.slots[Int(fd)].generation &+= 1
        self.slots[Int(fd)].handler = handler
        var event = self.epollEvent(fd: fd, interest: interest)
        if wakesOneLoop {
            // epoll refuses EPOLLRDHUP beside EPOLLEXCLUSIVE; a listening socket has no peer to hang up anyway.
            event.events = event.events & ~EPOLLRDHUP.rawValue | EPOLLEXCLUSIVE.rawValue
        }
        guard epoll_ctl(self.epollFD, EPOLL_CTL_ADD, fd, &event) == 0 else {
            self.slots[Int(fd)].handler = nil
            throw EventLoopError("epoll_ctl(ADD)")
        }
    }

    /// Changes what `fd` is watched for. Throws when epoll refuses (the descriptor is not registered, or the kernel
    /// is out of memory); the caller gives the descriptor up.
    public func reregister(_ fd: Int32, interest: IOEvents) throws(EventLoopError) {
        self.assertInLoop()
        var event = self.epollEvent(fd: fd, interest: interest)
        guard epoll_ctl(self.epollFD, EPOLL_CTL_MOD, fd, &event) == 0 else { throw EventLoopError("epoll_ctl(MOD)") }
    }

    /// Stops watching `fd` if `handler` still handles it. For descriptors another library may close unannounced
    /// (libcurl before 8.2 closes the socket of a connect it abandons): the kernel then dropped it already, and
    /// its number may be another handler's now.
    public func deregister(_ fd: Int32, ifHandledBy handler: any IOHandler) {
        self.assertInLoop()
        guard Int(fd) < self.slots.count, self.slots[Int(fd)].handler === handler else { return }
        self.slots[Int(fd)].handler = nil
        _ = epoll_ctl(self.epollFD, EPOLL_CTL_DEL, fd, nil)
    }

    /// Stops watching `fd`. Call before closing it.
    public func deregister(_ fd: Int32) {
        self.assertInLoop()
        guard Int(fd) < self.slots.count, self.slots[Int(fd)].handler != nil else { return }
        self.slots[Int(fd)].handler = nil
        // Only a descriptor closed too early, a bug, makes this fail; the descriptor is forgotten either way.
        let removed = epoll_ctl(self.epollFD, EPOLL_CTL_DEL, fd, nil)
        assert(removed == 0, "\(EventLoopError("epoll_ctl(DEL)"))")
    }

    public func addDeadlineSource(_ source: any DeadlineSource) {
        self.assertInLoop()
        self.deadlineSources.append(source)
    }

    public func removeDeadlineSource(_ source: any DeadlineSource) {
        self.assertInLoop()
        self.deadlineSources.removeAll { $0 === source }
    }

    /// Runs `task` once at the end of this turn: after every ready descriptor and due deadline was served, before the
    /// loop waits again. A task deferred from there runs in the same turn. What a turn's events produce can so go
    /// out together (``TurnEndTask``). Loop thread only.
    public func runAtTurnEnd(_ task: any TurnEndTask) {
        self.assertInLoop()
        self.turnEndTasks.append(task)
    }

    /// Runs `task` on the loop's thread soon. Safe from any thread.
    public func execute(_ task: @escaping @Sendable () -> Void) {
        self.inbox.withLock { $0.append(task) }
        var one: UInt64 = 1
        _ = write(self.wakeFD, &one, MemoryLayout<UInt64>.size)
    }

    /// Makes ``run()`` return after the current turn. Loop thread only.
    public func stop() {
        self.stopRequested = true
    }

    /// Runs the loop on the calling thread until ``stop()``.
    public func run() {
        self.thread = pthread_self()
        defer { self.thread = nil }
        while !self.stopRequested {
            let ready = epoll_wait(self.epollFD, self.events, Int32(self.eventCapacity), self.waitTimeout())
            self.advanceClock()
            if ready < 0 {
                if errno == EINTR { continue }
                fatalError("\(EventLoopError("epoll_wait"))")
            }
            for index in 0..<Int(ready) {
                self.dispatch(self.events[index])
            }
            self.fireDueDeadlines()
            self.endTurn()
        }
    }

    private func endTurn() {
        while !self.turnEndTasks.isEmpty {
            swap(&self.turnEndTasks, &self.runningTurnEndTasks)
            for task in self.runningTurnEndTasks { task.turnEnded() }
            self.runningTurnEndTasks.removeAll(keepingCapacity: true)
        }
    }

    private func advanceClock() {
        self.nowNanoseconds = MonotonicClock.nowNanoseconds()
        self.now = self.nowNanoseconds / 1_000_000
    }

    private func dispatch(_ event: epoll_event) {
        let fd = Int32(bitPattern: UInt32(truncatingIfNeeded: event.data.u64))
        if fd == self.wakeFD {
            self.drainInbox()
            return
        }
        let generation = UInt32(truncatingIfNeeded: event.data.u64 >> 32)
        guard Int(fd) < self.slots.count, self.slots[Int(fd)].generation == generation,
            let handler = self.slots[Int(fd)].handler
        else { return }
        handler.handle(Self.ioEvents(from: event.events))
    }

    private func drainInbox() {
        var counter: UInt64 = 0
        _ = read(self.wakeFD, &counter, MemoryLayout<UInt64>.size)
        let tasks = self.inbox.withLock { tasks in
            defer { tasks.removeAll(keepingCapacity: true) }
            return tasks
        }
        for task in tasks { task() }
    }

    private func waitTimeout() -> Int32 {
        var earliest: UInt64?
        for source in self.deadlineSources {
            if let deadline = source.nextDeadline, deadline < earliest ?? .max { earliest = deadline }
        }
        guard let earliest else { return -1 }
        let now = MonotonicClock.nowMilliseconds()
        return earliest <= now ? 0 : Int32(clamping: earliest - now)
    }

    private func fireDueDeadlines() {
        let now = self.now
        for source in self.deadlineSources {
            if let deadline = source.nextDeadline, deadline <= now { source.deadlineReached(now: now) }
        }
    }

    private func epollEvent(fd: Int32, interest: IOEvents) -> epoll_event {
        var event = epoll_event()
        var mask: UInt32 = 0
        if interest.contains(.readable) { mask |= EPOLLIN.rawValue | EPOLLRDHUP.rawValue }
        if interest.contains(.writable) { mask |= EPOLLOUT.rawValue }
        event.events = mask
        event.data.u64 = UInt64(self.slots[Int(fd)].generation) << 32 | UInt64(UInt32(bitPattern: fd))
        return event
    }

    private static func ioEvents(from mask: UInt32) -> IOEvents {
        var events: IOEvents = []
        if mask & EPOLLIN.rawValue != 0 { events.insert(.readable) }
        if mask & EPOLLOUT.rawValue != 0 { events.insert(.writable) }
        if mask & (EPOLLHUP.rawValue | EPOLLRDHUP.rawValue) != 0 { events.insert(.hangup) }
        if mask & EPOLLERR.rawValue != 0 { events.insert(.error) }
        return events
    }
}
