import Logging
import PostgresNIO

/// Listens on one PostgreSQL channel, on a connection of its own, and wakes its waiters on every notification.
///
/// The connection is opened by ``start()`` and opened again after it is lost (a second later, then as often as it
/// fails); each time it listens again it wakes the waiters too, since notifications sent while it was down are
/// lost.
///
/// Concurrency: an actor. Waiting never holds the connection's task; the task only counts signals.
actor PostgresNotificationListener {
    private let channel: String
    private let connect: @Sendable (Int) async throws -> PostgresConnection
    private let logger: Logger
    /// How many times the waiters were woken: a waiter that read it before its own check waits only if it is
    /// still the same, so that a notification between the two is not lost.
    private(set) var signals: UInt64 = 0
    private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter = 0
    private var listening: Task<Void, Never>?
    /// Whether the first attempt to listen has succeeded or failed, and who waits for it.
    private var ready = false
    private var readyWaiters: [CheckedContinuation<Void, Never>] = []
    /// Whether a connection has listened before: listening again means notifications may have been missed.
    private var hasListened = false

    /// - Parameter connect: opens a new connection with the given id.
    init(channel: String, logger: Logger, connect: @escaping @Sendable (Int) async throws -> PostgresConnection) {
        self.channel = channel
        self.logger = logger
        self.connect = connect
    }

    /// Starts listening (once), waits until the first attempt has listened or failed, and returns the current
    /// signal count: a notification after this returns is not missed.
    func start() async -> UInt64 {
        if self.listening == nil {
            self.listening = Task { await self.listen() }
        }
        if !self.ready {
            await withCheckedContinuation { self.readyWaiters.append($0) }
        }
        return self.signals
    }

    /// Returns at the next signal after `seen`, at once if there has been one, or after `timeout`, or when the
    /// calling task is cancelled.
    func wait(after seen: UInt64, atMost timeout: Duration) async {
        guard self.signals == seen, !Task.isCancelled else { return }
        let id = self.nextWaiter
        self.nextWaiter += 1
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            await self?.wake(id)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                self.waiters[id] = continuation
            }
        } onCancel: {
            Task { await self.wake(id) }
        }
        timer.cancel()
    }

    /// Stops listening and wakes every waiter.
    func stop() {
        self.listening?.cancel()
        self.listening = nil
        self.signal()
        self.becomeReady()
    }

    private func becomeReady() {
        self.ready = true
        let waiting = self.readyWaiters
        self.readyWaiters = []
        for continuation in waiting { continuation.resume() }
    }

    private func wake(_ id: Int) {
        self.waiters.removeValue(forKey: id)?.resume()
    }

    private func signal() {
        self.signals &+= 1
        let waiting = self.waiters
        self.waiters = [:]
        for continuation in waiting.values { continuation.resume() }
    }

    private func listen() async {
        var attempt = 0
        while !Task.isCancelled {
            attempt += 1
            do {
                let connection = try await self.connect(attempt)
                do {
                    try await connection.listen(on: self.channel) { notifications in
                        if self.hasListened { self.signal() }
                        self.hasListened = true
                        self.becomeReady()
                        for try await _ in notifications { self.signal() }
                    }
                } catch {
                    if !Task.isCancelled {
                        self.logger.warning("lost the LISTEN connection: \(PostgresSession.reason(error))")
                    }
                }
                try? await connection.close()
            } catch {
                self.logger.warning("cannot LISTEN on \(self.channel): \(PostgresSession.reason(error))")
            }
            self.becomeReady()
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
