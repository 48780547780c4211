import Logging
import Store

/// Takes what the loops counted, off every event loop: publishes it as metrics about once a second, and writes it
/// to the store every ``interval``, on demand (SIGHUP), and once more when the gateway stops, so that nothing counted
/// before a graceful stop is lost.
///
/// When the store cannot be reached, counts stay in memory (within ``LedgerBudget``) and writes are retried with
/// exponential backoff (1 s doubling to 60 s); one line is logged when an outage begins and one when it ends, never
/// one per request.
public actor UsageFlusher {
    private let store: (any UsageStore)?
    private let inbox: UsageInbox
    private let metrics: UsageMetrics?
    private let interval: Duration
    private let budget: LedgerBudget
    private let logger: Logger
    private let clock = ContinuousClock()
    private var pending = UsageBatch()
    private var nextWrite: ContinuousClock.Instant
    private var outage: (since: ContinuousClock.Instant, backoff: Duration, retryAt: ContinuousClock.Instant)?

    /// - Parameters:
    ///   - store: where the ledger is written; nil to keep no ledger (metrics only).
    ///   - metrics: where counts are published; nil to publish none.
    public init(
        store: (any UsageStore)?,
        inbox: UsageInbox,
        metrics: UsageMetrics? = nil,
        interval: Duration = .seconds(5),
        budget: LedgerBudget = LedgerBudget(maxRows: 500_000),
        logger: Logger
    ) {
        self.store = store
        self.inbox = inbox
        self.metrics = metrics
        self.interval = interval
        self.budget = budget
        self.logger = logger
        self.nextWrite = ContinuousClock().now + interval
    }

    /// Collects every second, and writes every ``interval``, until the task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: min(self.interval, .seconds(1))) } catch { return }
            self.collect()
            if self.clock.now >= self.nextWrite {
                self.nextWrite = self.clock.now + self.interval
                _ = await self.write()
            }
        }
    }

    /// Writes everything handed over so far, unless the store is down and its retry time has not come.
    /// - Returns: whether nothing is left unwritten.
    @discardableResult
    public func flush() async -> Bool {
        self.collect()
        return await self.write()
    }

    /// The last flush of a stopping gateway: collects the loops' final counts and tries to write them until
    /// `deadline` has passed, retrying with backoff.
    /// - Returns: whether everything was written.
    public func finish(within deadline: Duration = .seconds(10)) async -> Bool {
        self.collect()
        self.outage = self.outage.map { ($0.since, $0.backoff, self.clock.now) }
        let giveUp = self.clock.now + deadline
        var pause = Duration.milliseconds(250)
        while await !self.write() {
            guard self.clock.now + pause < giveUp else {
                let requests = self.pending.requests.values.reduce(0) { $0 + $1.count }
                self.logger.error("usage ledger: \(requests) counted requests could not be written before exit")
                return false
            }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .seconds(2))
            self.outage = self.outage.map { ($0.since, $0.backoff, self.clock.now) }
        }
        return true
    }

    private func collect() {
        for counts in self.inbox.take() {
            self.metrics?.publish(counts)
            if self.store != nil { self.pending.merge(counts.batch) }
        }
        let dropped = self.budget.enforce(on: &self.pending)
        if dropped > 0 {
            self.metrics?.dropped(dropped)
            self.logger.warning("usage ledger: dropped \(dropped) counted requests to stay within its memory budget")
        }
    }

    /// Writes what is pending, unless the store is down and its retry time has not come.
    /// - Returns: whether nothing is left unwritten.
    private func write() async -> Bool {
        guard let store = self.store, !self.pending.isEmpty else { return true }
        if let outage = self.outage, self.clock.now < outage.retryAt { return false }
        do {
            try await store.add(self.pending)
            self.pending = UsageBatch()
            if let outage = self.outage {
                self.outage = nil
                self.logger.notice("usage store reachable again after \(self.clock.now - outage.since); counts written")
            }
            return true
        } catch {
            self.metrics?.flushFailed()
            let now = self.clock.now
            if let outage = self.outage {
                let backoff = min(outage.backoff * 2, .seconds(60))
                self.outage = (outage.since, backoff, now + backoff)
            } else {
                self.outage = (now, .seconds(1), now + .seconds(1))
                self.logger.error("usage store unavailable, counting in memory and retrying: \(error.description)")
            }
            return false
        }
    }
}
