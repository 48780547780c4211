import Store
import Versioning

extension DeprecationReport {
    /// Builds the report from the usage ledger's rows: pure, the same inputs always give the same report.
    ///
    /// - Parameters:
    ///   - catalog: the versions, whose chain order the report keeps and whose manifests name the changes.
    ///   - usage: ledger rows; those of days outside `window` are ignored, so a store may return more.
    ///   - now: the instant statuses and days left are computed at; the report's `generated_at`.
    ///   - window: the days to count, usually ending on the day of `now`.
    ///   - includeAll: list the clients of every version, not only of draft, deprecated and retired ones.
    ///   - guideBaseURL: where migration guides are published, as the gateway's documentation base URL
    ///     (`https://docs.example.com/guides`): each guide's URL is this, a slash and `v1-to-v2`. Nil when the
    ///     guides are not published at a URL the report's readers can open.
    public init(
        catalog: VersionCatalog,
        usage: UsageBatch,
        now: Instant,
        window: ReportWindow,
        includeAll: Bool = false,
        guideBaseURL: String? = nil
    ) {
        let requests = usage.requests.filter { window.contains($0.key.day) }
        let changes = usage.changes.filter { window.contains($0.key.day) }
        let evaluations = usage.evaluations.filter { window.contains($0.key.day) }
        let total = requests.values.reduce(0) { $0 + $1.count }
        var statusesByVersion: [String: StatusClassCounts] = [:]
        for (row, tally) in requests {
            statusesByVersion[row.servedVersion, default: StatusClassCounts()].add(
                tally.count,
                statusClass: row.statusClass
            )
        }
        let today = UsageDay(containing: now.secondsSinceEpoch)
        let versions = catalog.manifests.map { manifest in
            let statuses = statusesByVersion[manifest.name.description] ?? StatusClassCounts()
            let served = statuses.total
            return VersionUsage(
                name: manifest.name,
                status: ReportStatus(of: manifest, at: now, defaultVersion: catalog.defaultVersion),
                released: manifest.released,
                deprecated: manifest.deprecated,
                sunset: manifest.sunset,
                daysLeft: manifest.sunset.map { max(0, $0.daysSinceEpoch - Int(today.daysSinceEpoch)) },
                successor: manifest.successor,
                requests: served,
                share: total == 0 ? 0 : Double(served) / Double(total),
                statusClasses: statuses,
                migrationGuideURL: Self.guideURL(from: manifest, base: guideBaseURL)
            )
        }
        let watched = Dictionary(
            uniqueKeysWithValues: versions.filter { includeAll || $0.status.putsClientsAtRisk }.map {
                ($0.name.description, $0)
            }
        )
        var clients = ClientLedger()
        for (row, tally) in requests where watched[row.servedVersion] != nil {
            clients.add(row, tally)
        }
        for (row, tally) in changes where watched[row.servedVersion] != nil {
            clients.add(row, tally)
        }
        for (row, tally) in evaluations where watched[row.servedVersion] != nil {
            clients.add(row, tally)
        }
        self.init(
            generatedAt: now,
            window: window,
            totalRequests: total,
            versions: versions,
            atRisk: clients.rows(versions: watched, catalog: catalog).sorted(by: AtRiskClient.isMoreAtRisk),
            includesAllVersions: includeAll,
            daily: Self.daily(requests, window: window, versions: catalog.names)
        )
    }

    /// Where the guide from `manifest` to its successor is published under `base`, as the gateway links it
    /// (`https://docs.example.com/guides/v1-to-v2`); nil without a base or a successor.
    private static func guideURL(from manifest: VersionManifest, base: String?) -> String? {
        guard let base, let successor = manifest.successor else { return nil }
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/\(manifest.name)-to-\(successor)"
    }

    /// Requests per catalog version for every day of `window`.
    private static func daily(
        _ requests: [RequestUsage: UsageTally],
        window: ReportWindow,
        versions: [VersionName]
    ) -> [DailyRequests] {
        var counts: [UsageDay: [String: Int64]] = [:]
        for (row, tally) in requests {
            counts[row.day, default: [:]][row.servedVersion, default: 0] += tally.count
        }
        return window.days.map { day in
            let served = counts[day] ?? [:]
            return DailyRequests(
                day: day,
                requests: Dictionary(uniqueKeysWithValues: versions.map { ($0, served[$0.description] ?? 0) })
            )
        }
    }
}

extension AtRiskClient {
    /// The at-risk order: more breaking-change hits first, then fewer days left (no sunset last), then more
    /// requests, then client and version names, so that equal risks always list the same way.
    static func isMoreAtRisk(_ lhs: AtRiskClient, _ rhs: AtRiskClient) -> Bool {
        if lhs.breakingHits != rhs.breakingHits { return lhs.breakingHits > rhs.breakingHits }
        if lhs.daysLeft != rhs.daysLeft { return (lhs.daysLeft ?? .max) < (rhs.daysLeft ?? .max) }
        if lhs.requests != rhs.requests { return lhs.requests > rhs.requests }
        if lhs.client != rhs.client { return lhs.client < rhs.client }
        return lhs.version < rhs.version
    }
}
