import Logging
import Store

/// Takes what the loops counted, off every event loop: publishes it as metrics about once a second, and writes it
/// to the store every ``interval``, on demand (SIGHUP), and once more when the gateway stops, so that nothing counted
/// before a graceful stop is lost.
///
/// One write is in flight at a time, on a batch taken out of the pending counts: counts that arrive meanwhile wait
/// for the next write, and a failed batch goes back to the pending counts, so nothing is written twice or dropped.
/// Writes run in tasks of their own, so that stopping the flusher never cancels one halfway through a transaction.
/// When the store fails or stops answering, counts stay in memory (within ``LedgerBudget``) and writes are retried
/// with exponential backoff (1 s doubling to 60 s); one line is logged when an outage begins and one when it ends,
/// never one per request.
public actor UsageFlusher {
    private let store: (any UsageStore)?
    private let inbox: UsageInbox
    private let metrics: UsageMetrics?
    private let interval: Duration
    private let budget: LedgerBudget
    private let logger: Logger
    private let clock = ContinuousClock()
    /// A write that takes longer than this is an outage (the store hangs): logged, and counted on in memory.
    private let slowWrite = Duration.seconds(30)
    private var pending = UsageBatch()
    private var inFlight: (batch: UsageBatch, since: ContinuousClock.Instant)?
    private var nextWrite: ContinuousClock.Instant
    private var outage: Outage?

    private struct Outage {
        let since: ContinuousClock.Instant
        var backoff: Duration
        var retryAt: ContinuousClock.Instant
    }

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
            self.noticeSlowWrite()
            if self.clock.now >= self.nextWrite {
                self.nextWrite = self.clock.now + self.interval
                self.startWrite(ignoringBackoff: false)
            }
        }
    }

    /// Starts writing everything handed over so far (SIGHUP), unless a write is in flight or the store is down and
    /// its retry time has not come.
    public func flush() {
        self.collect()
        self.startWrite(ignoringBackoff: false)
    }

    /// The last flush of a stopping gateway: collects the loops' final counts and writes them, waiting for a write in
    /// flight and retrying failed ones every 250 ms, until `deadline` has passed.
    /// - Returns: whether everything was written; if not, the requests left unwritten are logged.
    public func finish(within deadline: Duration = .seconds(10)) async -> Bool {
        self.collect()
        let giveUp = self.clock.now + deadline
        while self.clock.now < giveUp {
            if self.inFlight == nil {
                if self.pending.isEmpty { return true }
                self.startWrite(ignoringBackoff: true)
            }
            try? await Task.sleep(for: .milliseconds(250))
        }
        let unwritten =
            (self.pending.requests.values.map(\.count) + (self.inFlight?.batch.requests.values.map(\.count) ?? []))
            .reduce(0, +)
        self.logger.error("usage ledger: \(unwritten) counted requests could not be written before exit")
        return false
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

    /// Takes the pending counts out and writes them in a task of their own.
    private func startWrite(ignoringBackoff: Bool) {
        guard let store = self.store, self.inFlight == nil, !self.pending.isEmpty else { return }
        if !ignoringBackoff, let outage = self.outage, self.clock.now < outage.retryAt { return }
        let batch = self.pending
        self.pending = UsageBatch()
        self.inFlight = (batch, self.clock.now)
        Task {
            let result: Result<Void, StoreError>
            do throws(StoreError) {
                try await store.add(batch)
                result = .success(())
            } catch {
                result = .failure(error)
            }
            self.completeWrite(result)
        }
    }

    private func completeWrite(_ result: Result<Void, StoreError>) {
        guard let (batch, _) = self.inFlight else { return }
        self.inFlight = nil
        switch result {
        case .success:
            if let outage = self.outage {
                self.outage = nil
                let seconds = Int((self.clock.now - outage.since).components.seconds)
                self.logger.notice("usage store reachable again after \(seconds) s; counts written")
            }
        case .failure(let error):
            self.pending.merge(batch)
            self.metrics?.flushFailed()
            self.beginOrExtendOutage(error.description)
        }
    }

    /// A write that hangs is an outage too: logged once, while the loops' counts go on collecting in memory.
    private func noticeSlowWrite() {
        guard let (_, since) = self.inFlight, self.outage == nil, self.clock.now - since > self.slowWrite else {
            return
        }
        self.beginOrExtendOutage("no answer for \(Int(self.slowWrite.components.seconds)) s")
    }

    private func beginOrExtendOutage(_ reason: String) {
        let now = self.clock.now
        if var outage = self.outage {
            outage.backoff = min(outage.backoff * 2, .seconds(60))
            outage.retryAt = now + outage.backoff
            self.outage = outage
        } else {
            self.outage = Outage(since: now, backoff: .seconds(1), retryAt: now + .seconds(1))
            self.logger.error("usage store unavailable, counting in memory and retrying: \(reason)")
        }
    }
}
