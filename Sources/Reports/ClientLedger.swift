import Store
import Versioning

/// The window's ledger rows summed per client and served version: what the at-risk list is made of.
struct ClientLedger {
    private struct Key: Hashable {
        var version: String
        var client: String
    }

    private struct Endpoint: Hashable {
        var method: String
        var route: String
    }

    private struct Change: Hashable {
        var version: String
        var id: String
    }

    private struct Entry {
        var requests: Int64 = 0
        var statusClasses = StatusClassCounts()
        var named: Int64 = 0
        var defaulted: Int64 = 0
        /// Seconds since the epoch; the first row added sets both.
        var firstSeen = Int64.max
        var lastSeen = Int64.min
        var endpoints: [Endpoint: Int64] = [:]
        var changes: [Change: Int64] = [:]
        var previews: [String: Int64] = [:]

        mutating func see(_ tally: UsageTally) {
            self.firstSeen = min(self.firstSeen, tally.firstSeen)
            self.lastSeen = max(self.lastSeen, tally.lastSeen)
        }
    }

    private var entries: [Key: Entry] = [:]

    mutating func add(_ row: RequestUsage, _ tally: UsageTally) {
        let key = Key(version: row.servedVersion, client: row.client)
        var entry = self.entries[key] ?? Entry()
        entry.requests += tally.count
        entry.statusClasses.add(tally.count, statusClass: row.statusClass)
        switch row.requestedVersion {
        case nil: entry.defaulted += tally.count
        case row.servedVersion: entry.named += tally.count
        default: break
        }
        entry.endpoints[Endpoint(method: row.method, route: row.route), default: 0] += tally.count
        entry.see(tally)
        self.entries[key] = entry
    }

    mutating func add(_ row: ChangeUsage, _ tally: UsageTally) {
        let key = Key(version: row.servedVersion, client: row.client)
        self.entries[key, default: Entry()].changes[Change(version: row.changeVersion, id: row.changeID), default: 0] +=
            tally.count
        self.entries[key, default: Entry()].see(tally)
    }

    /// Counts a row of requests that previewed a newer version; other evaluations (translations) are not the
    /// client's doing and are left out.
    mutating func add(_ row: EvaluationUsage, _ tally: UsageTally) {
        guard row.via == "preview" else { return }
        let key = Key(version: row.servedVersion, client: row.client)
        self.entries[key, default: Entry()].previews[row.evaluatedVersion, default: 0] += tally.count
    }

    /// One row per client and version, in no particular order; `versions` holds every version added rows name.
    func rows(versions: [String: VersionUsage], catalog: VersionCatalog) -> [AtRiskClient] {
        self.entries.compactMap { key, entry in
            guard let version = versions[key.version] else { return nil }
            return AtRiskClient(
                client: key.client,
                version: version.name,
                status: version.status,
                daysLeft: version.daysLeft,
                requests: entry.requests,
                statusClasses: entry.statusClasses,
                namedVersionRequests: entry.named,
                defaultVersionRequests: entry.defaulted,
                firstSeen: Instant(secondsSinceEpoch: entry.firstSeen),
                lastSeen: Instant(secondsSinceEpoch: entry.lastSeen),
                // Most requested first, then by method and route.
                endpoints: entry.endpoints.map { EndpointUsage(method: $0.method, route: $0.route, requests: $1) }
                    .sorted { ($1.requests, $0.method, $0.route) < ($0.requests, $1.method, $1.route) },
                changes: entry.changes.map { Self.hits($0, count: $1, catalog: catalog) }.sorted(by: Self.changeOrder),
                previews: entry.previews.map { PreviewUsage(version: $0.key, requests: $0.value) }.sorted(
                    by: Self.versionOrder
                )
            )
        }
    }

    private static func hits(_ change: Change, count: Int64, catalog: VersionCatalog) -> ChangeHits {
        let declared = VersionName(change.version).flatMap { catalog[$0] }?.changes.first { $0.id == change.id }
        return ChangeHits(
            changeVersion: change.version,
            changeID: change.id,
            summary: declared?.summary ?? "(no longer declared)",
            breaking: declared?.breaking ?? false,
            declared: declared != nil,
            count: count
        )
    }

    /// Versions in the catalog's order where both are version names, else by their text.
    private static func versionOrder(_ lhs: PreviewUsage, _ rhs: PreviewUsage) -> Bool {
        guard let left = VersionName(lhs.version), let right = VersionName(rhs.version) else {
            return lhs.version < rhs.version
        }
        return left < right
    }

    /// Breaking changes first, then the most fired, then by version and id.
    private static func changeOrder(_ lhs: ChangeHits, _ rhs: ChangeHits) -> Bool {
        if lhs.breaking != rhs.breaking { return lhs.breaking }
        return (rhs.count, lhs.changeVersion, lhs.changeID) < (lhs.count, rhs.changeVersion, rhs.changeID)
    }
}
