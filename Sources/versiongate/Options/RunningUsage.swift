import Foundation
import Gateway
import Logging
import Prometheus
import Reports
import Store
import Synchronization
import Usage
import Versioning

/// A running gateway's records: the inbox the loops count into, the flusher that writes the ledger and publishes
/// the metrics, the access log writer, and what the admin endpoints serve from them.
final class RunningUsage: Sendable {
    /// The ledger's store; nil with `--store off`.
    let location: StoreLocation?
    private let store: (any UsageStore)?
    private let registry: PrometheusCollectorRegistry?
    private let accessLog: AccessLogWriter?
    private let inbox: UsageInbox?
    private let flusher: UsageFlusher?
    private let flushing: Task<Void, Never>?
    private let fingerprinter: TokenFingerprinter
    private let fingerprintKeyIsEphemeral: Bool
    private let adminToken: AdminToken?
    private let metricsArePublic: Bool
    /// The versions the report reads the ledger against: replaced when the gateway reloads them.
    private let catalog = Mutex<VersionCatalog?>(nil)
    /// The registry's test clients, whose traffic the report leaves out: replaced when the registry changes.
    private let testClients = Mutex<Set<String>>([])

    init(
        ledger: (location: StoreLocation, store: any UsageStore)?,
        metrics: Bool,
        accessLog: AccessLogWriter?,
        fingerprintKey: FingerprintKey,
        interval: Duration,
        adminToken: AdminToken?,
        metricsArePublic: Bool
    ) {
        let registry = metrics ? PrometheusCollectorRegistry() : nil
        if ledger != nil || registry != nil {
            let inbox = UsageInbox()
            let flusher = UsageFlusher(
                store: ledger?.store,
                inbox: inbox,
                metrics: registry.map { UsageMetrics(factory: PrometheusMetricsFactory(registry: $0)) },
                interval: interval,
                logger: Logger(label: "versiongate.ledger")
            )
            self.inbox = inbox
            self.flusher = flusher
            self.flushing = Task { await flusher.run() }
        } else {
            (self.inbox, self.flusher, self.flushing) = (nil, nil, nil)
        }
        self.location = ledger?.location
        self.store = ledger?.store
        self.registry = registry
        self.accessLog = accessLog
        self.fingerprinter = TokenFingerprinter(key: fingerprintKey)
        self.fingerprintKeyIsEphemeral = fingerprintKey.isEphemeral
        self.adminToken = adminToken
        self.metricsArePublic = metricsArePublic
    }

    /// Sets up `configuration` to record into this, for a gateway serving `catalog` (``serve(_:)`` updates it on
    /// reload).
    func configure(_ configuration: inout GatewayConfiguration, serving catalog: VersionCatalog) {
        self.serve(catalog)
        configuration.usage = self.inbox.map { UsageRecording(inbox: $0) }
        configuration.accessLog = self.accessLog?.sink
        configuration.tokenFingerprinter = self.fingerprinter
        var report: AdminAccess.ReportSource?
        if let store = self.store {
            let (clock, guides) = (configuration.clock, configuration.documentationBaseURL)
            report = { [self] () async throws(AdminReportError) -> [UInt8] in
                try await self.reportJSON(from: store, now: clock(), guideBaseURL: guides)
            }
        }
        var metrics: (@Sendable () -> [UInt8])?
        if let registry = self.registry { metrics = { registry.emitToBuffer() } }
        configuration.adminAccess = AdminAccess(
            token: self.adminToken,
            report: report,
            metrics: metrics,
            metricsArePublic: self.metricsArePublic
        )
    }

    /// Says where usage is counted, once the gateway has started (a failed start prints its one line only).
    func announce() {
        guard let location = self.location else { return }
        Console.status("counting usage in \(location)")
        if self.fingerprintKeyIsEphemeral {
            Console.status(
                "VERSIONGATE_FINGERPRINT_KEY is not set: token fingerprints in the ledger hold for this process only"
            )
        }
    }

    /// The versions the report reads the ledger against from now on.
    func serve(_ catalog: VersionCatalog) {
        self.catalog.withLock { $0 = catalog }
    }

    /// The test clients whose traffic the report leaves out from now on: the report is of live traffic.
    func leaveOut(testClients: Set<String>) {
        self.testClients.withLock { $0 = testClients }
    }

    /// The last 30 days' deprecation report as `versiongate.report/1` JSON, linking guides under `guideBaseURL` (the
    /// gateway's `--docs-base-url`) when there is one.
    private func reportJSON(
        from store: any UsageStore,
        now: Instant,
        guideBaseURL: String?
    ) async throws(AdminReportError) -> [UInt8] {
        guard let catalog = self.catalog.withLock({ $0 }) else { throw AdminReportError("no versions loaded") }
        let window = ReportWindow(days: 30, endingAt: now)
        var usage: UsageBatch
        do { usage = try await store.usage(since: window.since) } catch { throw AdminReportError(error.description) }
        let testClients = self.testClients.withLock { $0 }
        if !testClients.isEmpty { usage = usage.filter { !testClients.contains($0) } }
        let report = DeprecationReport(
            catalog: catalog,
            usage: usage,
            now: now,
            window: window,
            guideBaseURL: guideBaseURL
        )
        return Array(report.rendered(as: .json).utf8)
    }

    /// Writes what the loops have handed over (SIGHUP).
    func flushNow() async {
        await self.flusher?.flush()
    }

    /// After the gateway stopped: writes the loops' last counts and log lines, and closes the store.
    /// - Returns: whether everything counted was written.
    func finish() async -> Bool {
        self.flushing?.cancel()
        await self.flushing?.value
        let written = await self.flusher?.finish() ?? true
        await self.store?.close()
        await self.accessLog?.finish()
        return written
    }
}
