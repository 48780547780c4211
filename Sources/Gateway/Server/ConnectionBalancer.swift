import Synchronization

/// Deals accepted connections to the loops in turn, whichever loop accepted them.
///
/// The loops share one listening socket, and the kernel wakes whichever loop waits first: from idle, a burst of
/// connections lands mostly on one loop, and keep-alive clients then hold that imbalance for their whole life. Dealing
/// them round-robin costs one hand-over to another loop per connection, never per request.
///
/// Concurrency: ``install(_:)`` runs once, before any loop thread starts (thread start orders it before every read);
/// after that, any loop calls ``nextWorker()``.
final class ConnectionBalancer: @unchecked Sendable {
    private let turn = Atomic<Int>(0)
    private var workers: [WorkerReference] = []

    func install(_ workers: [WorkerReference]) {
        self.workers = workers
    }

    /// The worker whose turn it is to take a connection.
    func nextWorker() -> WorkerReference {
        let turn = self.turn.add(1, ordering: .relaxed).oldValue
        return self.workers[turn % self.workers.count]
    }
}
