import Reports
import Store
import Versioning

/// One day (today, 2026-11-30, half over) of requests whose outcomes and version choices differ, with figures worked
/// out by hand (catalog: ``ReportFixture/catalog``):
///
/// - acme-erp on v1, 20 requests: 2xx 10 and 4xx 3 (a brownout's 410) naming v1, 5xx 2 naming none, 4xx 4 naming a
///   version the gateway could not read (`unknown`), and 1 naming v1 whose status class the ledger merged (0). So
///   named 14, by default 2, other 4; 2xx 10, 4xx 7, 5xx 2, unknown 1.
/// - beta-mobile on v1, 6 requests, all 2xx by default (it moves with the default), and on v3 one request naming it,
///   at 10:26:16Z: three at-risk entries, two clients.
/// - delta on v2 (current, not at risk), 5 requests by default.
enum OutcomeFixture {
    static let window = ReportWindow(days: 1, endingAt: ReportFixture.now)

    private static func row(
        _ client: String,
        requested: String?,
        served: String,
        statusClass: Int,
        count: Int64,
        at second: String = "2026-11-30T09:00:00Z"
    ) -> (RequestUsage, UsageTally) {
        let row = RequestUsage(
            day: ReportFixture.day("2026-11-30"),
            client: client,
            requestedVersion: requested,
            servedVersion: served,
            method: "GET",
            route: "/purchase-orders",
            statusClass: statusClass
        )
        let instant = ReportFixture.at(second)
        return (row, UsageTally(count: count, firstSeen: instant, lastSeen: instant))
    }

    static let rows = [
        row("acme-erp", requested: "v1", served: "v1", statusClass: 2, count: 10, at: "2026-11-30T08:00:00Z"),
        row("acme-erp", requested: "v1", served: "v1", statusClass: 4, count: 3),
        row("acme-erp", requested: nil, served: "v1", statusClass: 5, count: 2),
        row("acme-erp", requested: "unknown", served: "v1", statusClass: 4, count: 4),
        row("acme-erp", requested: "v1", served: "v1", statusClass: 0, count: 1, at: "2026-11-30T11:00:00Z"),
        row("beta-mobile", requested: nil, served: "v1", statusClass: 2, count: 6),
        row("beta-mobile", requested: "v3", served: "v3", statusClass: 2, count: 1, at: "2026-11-30T10:26:16Z"),
        row("delta", requested: nil, served: "v2", statusClass: 2, count: 5),
    ]

    static func report(guideBaseURL: String? = nil) -> DeprecationReport {
        DeprecationReport(
            catalog: ReportFixture.catalog,
            usage: UsageBatch(requests: Dictionary(uniqueKeysWithValues: self.rows)),
            now: ReportFixture.now,
            window: self.window,
            guideBaseURL: guideBaseURL
        )
    }

    /// A report of no requests at all, for a one-day window.
    static let empty = DeprecationReport(
        catalog: ReportFixture.catalog,
        usage: UsageBatch(),
        now: ReportFixture.now,
        window: window
    )
}
