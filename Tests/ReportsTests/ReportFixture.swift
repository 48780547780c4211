import Reports
import Store
import Versioning

/// A catalog in the middle of a sunset and a month of ledger rows, with figures worked out by hand:
///
/// - v1 deprecated (sunset 2027-03-01, 91 days after `now`), v2 current, v3 a draft.
/// - The window is 2026-11-01 to 2026-11-30; 510 requests fall in it (``requestRows``).
enum ReportFixture {
    static let now = Instant(rfc3339: "2026-11-30T12:00:00Z")!
    static let window = ReportWindow(days: 30, endingAt: now)

    static let catalog = try! VersionCatalog([
        VersionManifest(
            name: VersionName("v1")!,
            status: .deprecated,
            released: CalendarDate("2025-03-01"),
            deprecated: CalendarDate("2026-09-01"),
            sunset: CalendarDate("2027-03-01"),
            successor: VersionName("v2")
        ),
        VersionManifest(
            name: VersionName("v2")!,
            status: .current,
            released: CalendarDate("2026-06-01"),
            previous: VersionName("v1"),
            successor: VersionName("v3"),
            changes: [
                change("vendors-are-suppliers", "The /vendors endpoints are now /suppliers.", breaking: true),
                change("po-supplier-id", "Purchase orders name their supplier in supplier_id.", breaking: true),
                change("po-note", "Purchase orders carry a note.", breaking: false),
            ]
        ),
        VersionManifest(
            name: VersionName("v3")!,
            status: .draft,
            previous: VersionName("v2"),
            preview: .open,
            changes: [change("money-is-an-object", "A total is one object of amount and currency.", breaking: true)]
        ),
    ])

    static func change(_ id: String, _ summary: String, breaking: Bool) -> VersionChange {
        VersionChange(
            id: id,
            summary: summary,
            breaking: breaking,
            verb: .renameField(older: FieldPath("a")!, newer: FieldPath("b")!)
        )
    }

    static func day(_ text: String) -> UsageDay {
        UsageDay(daysSinceEpoch: Int32(CalendarDate(text)!.daysSinceEpoch))
    }

    static func at(_ text: String) -> Int64 { Instant(rfc3339: text)!.secondsSinceEpoch }

    static func request(
        _ day: String,
        _ client: String,
        served: String,
        method: String = "GET",
        _ route: String,
        count: Int64
    ) -> (RequestUsage, UsageTally) {
        let row = RequestUsage(
            day: self.day(day),
            client: client,
            requestedVersion: served,
            servedVersion: served,
            method: method,
            route: route,
            statusClass: 2
        )
        return (row, UsageTally(count: count, firstSeen: at("\(day)T08:00:00Z"), lastSeen: at("\(day)T11:00:00Z")))
    }

    static func change(
        _ day: String,
        _ client: String,
        served: String,
        _ changeVersion: String,
        _ changeID: String,
        count: Int64
    ) -> (ChangeUsage, UsageTally) {
        let row = ChangeUsage(
            day: self.day(day),
            client: client,
            servedVersion: served,
            changeVersion: changeVersion,
            changeID: changeID
        )
        return (row, UsageTally(count: count, firstSeen: at("\(day)T09:00:00Z"), lastSeen: at("\(day)T10:00:00Z")))
    }

    /// In the window: v1 280 (acme-erp 150, zeta 40, beta-mobile 30, aardvark 30, gamma 30), v2 200 (delta),
    /// v3 20 (preview-co), v9 10 (a version the catalog no longer declares): 510 in all. Outside it (2026-10-31,
    /// 2026-12-01): rows that must not count.
    static let requestRows = [
        request("2026-11-01", "acme-erp", served: "v1", "/purchase-orders", count: 100),
        request("2026-11-30", "acme-erp", served: "v1", "/purchase-orders/{id}", count: 50),
        request("2026-10-31", "acme-erp", served: "v1", "/purchase-orders", count: 1000),
        request("2026-12-01", "acme-erp", served: "v1", "/purchase-orders", count: 1000),
        request("2026-11-15", "beta-mobile", served: "v1", "/vendors", count: 30),
        request("2026-11-15", "gamma", served: "v1", method: "POST", "/connections/{id}/sync", count: 30),
        request("2026-11-16", "zeta", served: "v1", "/work-orders", count: 40),
        request("2026-11-16", "aardvark", served: "v1", "/inventory", count: 30),
        request("2026-11-10", "delta", served: "v2", "/purchase-orders", count: 200),
        request("2026-11-20", "preview-co", served: "v3", "/suppliers", count: 20),
        request("2026-11-20", "old-timer", served: "v9", "/vendors", count: 10),
    ]

    static let changeRows = [
        change("2026-11-01", "acme-erp", served: "v1", "v2", "po-supplier-id", count: 100),
        change("2026-11-30", "acme-erp", served: "v1", "v2", "po-supplier-id", count: 50),
        change("2026-11-01", "acme-erp", served: "v1", "v2", "po-note", count: 40),
        change("2026-10-31", "acme-erp", served: "v1", "v2", "po-supplier-id", count: 999),
        change("2026-11-15", "beta-mobile", served: "v1", "v2", "vendors-are-suppliers", count: 30),
        change("2026-11-15", "gamma", served: "v1", "v2", "sync-is-syncs", count: 30),
    ]

    static var usage: UsageBatch {
        UsageBatch(
            requests: Dictionary(uniqueKeysWithValues: requestRows),
            changes: Dictionary(uniqueKeysWithValues: changeRows)
        )
    }

    static func report(includeAll: Bool = false, at now: Instant = now) -> DeprecationReport {
        DeprecationReport(catalog: catalog, usage: usage, now: now, window: window, includeAll: includeAll)
    }
}

extension ReportFixture {
    /// Client names as request headers may carry them: markup, quotes, pipes, backticks, line breaks, a
    /// right-to-left override, and a name and a route far longer than a terminal line.
    static let hostileClients = [
        "<script>alert(1)</script>",
        "evil\"><img src=x onerror=alert(1)>",
        "pipe|and`tick`",
        "line\nbreak\u{202E}reversed",
        "client-" + String(repeating: "x", count: 150),
    ]

    static let longRoute = "/reports/" + String(repeating: "segment/", count: 20) + "{id}"

    /// The fixture's rows plus one v1 client per hostile name, each calling ``longRoute`` and firing a change.
    static func hostileReport() -> DeprecationReport {
        var usage = self.usage
        for client in self.hostileClients {
            let (request, requestTally) = self.request(
                "2026-11-20",
                client,
                served: "v1",
                method: "DELETE",
                longRoute,
                count: 5
            )
            let (change, changeTally) = self.change(
                "2026-11-20",
                client,
                served: "v1",
                "v2",
                "po-supplier-id",
                count: 5
            )
            usage.requests[request] = requestTally
            usage.changes[change] = changeTally
        }
        return DeprecationReport(catalog: catalog, usage: usage, now: now, window: window)
    }
}
