import Synchronization

/// Lets work queued off a loop for a connection know that the connection has gone, so that a translation nobody
/// will read is skipped rather than done: clients that hang up while their large translations wait could
/// otherwise keep a loop's queue busy for tens of seconds. Set on the loop, read on the queue: an atomic flag.
final class OffLoopTicket: Sendable {
    private let cancelled = Atomic(false)

    var isCancelled: Bool { self.cancelled.load(ordering: .acquiring) }

    func cancel() {
        self.cancelled.store(true, ordering: .releasing)
    }
}
