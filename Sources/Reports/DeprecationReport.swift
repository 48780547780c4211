import Store
import Versioning

/// Who still calls the versions on their way out, and what it would take them to move: the usage ledger's rows for
/// a window of days, read against the catalog. A value: build it with
/// ``init(catalog:usage:now:window:includeAll:)``, render it with ``rendered(as:)``.
///
/// ```swift
/// let window = ReportWindow(days: 30, endingAt: now)  // --since 30d
/// let report = DeprecationReport(catalog: catalog, usage: rows, now: now, window: window)
/// print(report.rendered(as: .text))
/// ```
public struct DeprecationReport: Sendable, Equatable {
    /// When the report was generated: statuses and days left are as of this instant.
    public var generatedAt: Instant
    /// The days whose ledger rows the report counts; rows of other days are ignored.
    public var window: ReportWindow
    /// Requests in the window, whichever version served them (versions the catalog no longer declares included):
    /// what ``VersionUsage/share`` divides by.
    public var totalRequests: Int64
    /// Every version of the catalog, in chain order (oldest first).
    public var versions: [VersionUsage]
    /// One row per client and version it was served, for the versions whose status puts clients at risk (every
    /// version when the report includes all), most at risk first.
    public var atRisk: [AtRiskClient]
    /// Whether ``atRisk`` lists the clients of every version (`--all`), not only of those at risk.
    public var includesAllVersions: Bool
    /// Requests per version on each day of the window, oldest first; every day present, zero-filled.
    public var daily: [DailyRequests]

    /// How many distinct clients ``atRisk`` names: fewer than its entries when a client was served two versions.
    public var atRiskClientCount: Int { Set(self.atRisk.map(\.client)).count }

    /// Whether the window's last day is the day the report was generated, so that its counts are of a day not over.
    var lastDayIsPartial: Bool { self.window.until == UsageDay(containing: self.generatedAt.secondsSinceEpoch) }
}

/// One version's lifecycle and how much of the window's traffic it served.
public struct VersionUsage: Sendable, Equatable {
    public var name: VersionName
    /// The status at the report's generation instant.
    public var status: ReportStatus
    public var released: CalendarDate?
    public var deprecated: CalendarDate?
    public var sunset: CalendarDate?
    /// Whole UTC days from the report's day to the sunset's; 0 once past it, nil without a sunset.
    public var daysLeft: Int?
    public var successor: VersionName?
    /// Requests the version served in the window.
    public var requests: Int64
    /// ``requests`` as a fraction of all requests in the window, 0...1; 0 when there were none.
    public var share: Double
    /// ``requests`` by the class of the status that answered them.
    public var statusClasses = StatusClassCounts()
    /// Where the guide to the successor is published, when the report was given a base URL for guides
    /// (`https://docs.example.com/guides/v1-to-v2`); nil otherwise, and without a successor.
    public var migrationGuideURL: String?

    /// The guide from this version to its successor, as `versiongate guide` names it
    /// (`migration-guides/v1-to-v2.md`); nil without a successor.
    public var migrationGuide: String? {
        self.successor.map { "migration-guides/\(self.name)-to-\($0).md" }
    }
}

/// A client still served a version at risk, with what it calls and which breaking changes its traffic fires.
public struct AtRiskClient: Sendable, Equatable {
    /// The ledger's client key: a registry id, a token fingerprint, a client-id header value or `anonymous`.
    /// Comes from request headers: untrusted text.
    public var client: String
    /// The version that served the client.
    public var version: VersionName
    public var status: ReportStatus
    /// The version's days left until its sunset (``VersionUsage/daysLeft``).
    public var daysLeft: Int?
    /// Requests the version served the client in the window.
    public var requests: Int64
    /// ``requests`` by the class of the status that answered them: blocked and failed calls are 4xx and 5xx.
    public var statusClasses = StatusClassCounts()
    /// Those of ``requests`` that named this version.
    public var namedVersionRequests: Int64 = 0
    /// Those of ``requests`` that named no version and got this one as the default. The rest named a version the
    /// gateway could not read or serve, and were answered (refused) by this one.
    public var defaultVersionRequests: Int64 = 0
    /// The first and last of those requests (or of the changes they fired) seen in the window.
    public var firstSeen: Instant
    public var lastSeen: Instant
    /// What the client calls, most requested first.
    public var endpoints: [EndpointUsage]
    /// The declared changes that altered its requests or responses, or that its shadow previews found they would,
    /// breaking ones first, then most fired.
    public var changes: [ChangeHits]
    /// Requests that asked for a shadow preview of a newer version (`API-Version-Preview`), by version previewed,
    /// oldest version first.
    public var previews: [PreviewUsage] = []

    /// How many times a breaking change altered the client's traffic: the first sort key of the at-risk list.
    public var breakingHits: Int64 {
        self.changes.filter(\.breaking).reduce(0) { $0 + $1.count }
    }

    /// Whether the client got this version only because it named none: it will move, without a word, to whatever
    /// version becomes the default.
    public var getsVersionOnlyByDefault: Bool { self.defaultVersionRequests > 0 && self.namedVersionRequests == 0 }
}

/// Requests of a client's that previewed one newer version.
public struct PreviewUsage: Sendable, Equatable {
    public var version: String
    public var requests: Int64

    public init(version: String, requests: Int64) {
        self.version = version
        self.requests = requests
    }
}

/// Requests to one endpoint: a method and a route template (`GET /purchase-orders/{id}`).
public struct EndpointUsage: Sendable, Equatable {
    public var method: String
    public var route: String
    public var requests: Int64
}

/// How many times one declared change altered a client's requests or responses in the window.
public struct ChangeHits: Sendable, Equatable {
    /// The version whose manifest declares the change, as the ledger names it.
    public var changeVersion: String
    public var changeID: String
    /// The manifest's one-line summary, or `(no longer declared)` when the catalog has no such change any more.
    public var summary: String
    /// Whether the manifest marks the change breaking; false when it is no longer declared.
    public var breaking: Bool
    /// Whether the catalog still declares the change.
    public var declared: Bool
    public var count: Int64
}

/// One day's requests per version.
public struct DailyRequests: Sendable, Equatable {
    public var day: UsageDay
    /// Requests by version name, every version of the catalog present (0 when it served none that day).
    public var requests: [VersionName: Int64]
}
