/// The protected admin endpoints and who may call them: `{prefix}/report` (the deprecation report as JSON) and
/// `{prefix}/metrics` (Prometheus text format). Both need `Authorization: Bearer <admin token>`, metrics unless
/// they are public; without a token configured, `report` answers `404`.
public struct AdminAccess: Sendable {
    /// The report's JSON (`versiongate.report/1`), read from the usage store off the event loops.
    public typealias ReportSource = @Sendable () async throws(AdminReportError) -> [UInt8]

    public var token: AdminToken?
    /// Builds the report; nil when the gateway keeps no ledger (the endpoint then answers `404`).
    public var report: ReportSource?
    /// The metrics in Prometheus text format (version 0.0.4); nil when none are kept.
    public var metrics: (@Sendable () -> [UInt8])?
    /// Whether `metrics` is open to anyone who reaches the gateway (a scraper on a private network).
    public var metricsArePublic: Bool

    public init(
        token: AdminToken? = nil,
        report: ReportSource? = nil,
        metrics: (@Sendable () -> [UInt8])? = nil,
        metricsArePublic: Bool = false
    ) {
        self.token = token
        self.report = report
        self.metrics = metrics
        self.metricsArePublic = metricsArePublic
    }
}

/// Why the report could not be built (the usage store is unreachable, say), in one line without secrets.
public struct AdminReportError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
