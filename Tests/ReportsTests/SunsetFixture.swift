import Reports
import Store
import Versioning

/// A month of traffic as a team deciding "can we sunset v1?" would see it: ten clients, one of them on two
/// versions, with brownout refusals (4xx), upstream failures (5xx), clients that name v1 and clients that got it by
/// default, and a last day (today) only half over. The catalog is ``ReportFixture/catalog``.
enum SunsetFixture {
    /// One client's rows on one version: `perDay` requests a day over `days` (days of November 2026).
    private struct Traffic {
        var client: String
        var served = "v1"
        var requested: String?? = .some(nil)
        var method = "GET"
        var route: String
        var days: ClosedRange<Int> = 1...30
        var perDay: Int64
        var statusClass = 2
        var changes: [(version: String, id: String)] = []
    }

    private static let traffic: [Traffic] =
        [
            Traffic(
                client: "acme-erp",
                requested: "v1",
                route: "/purchase-orders",
                perDay: 40,
                changes: [("v2", "po-supplier-id"), ("v2", "po-note")]
            ),
            Traffic(
                client: "acme-erp",
                requested: "v1",
                route: "/purchase-orders/{id}",
                perDay: 12,
                changes: [("v2", "po-supplier-id")]
            ),
            Traffic(
                client: "acme-erp",
                requested: "v1",
                route: "/purchase-orders",
                days: 20...20,
                perDay: 35,
                statusClass: 4
            ),
            Traffic(client: "beta-mobile", route: "/vendors", perDay: 18, changes: [("v2", "vendors-are-suppliers")]),
            Traffic(client: "beta-mobile", route: "/vendors", days: 20...20, perDay: 14, statusClass: 4),
            Traffic(
                client: "fp_3f9a1c0e",
                requested: "v1",
                method: "POST",
                route: "/purchase-orders",
                days: 1...15,
                perDay: 6
            ),
            Traffic(
                client: "globex-sync",
                requested: "v1",
                method: "POST",
                route: "/connections/{id}/sync",
                perDay: 9,
                changes: [("v2", "sync-is-syncs")]
            ),
            Traffic(
                client: "globex-sync",
                requested: "v1",
                method: "POST",
                route: "/connections/{id}/sync",
                days: 11...12,
                perDay: 4,
                statusClass: 5
            ),
            Traffic(client: "initech-reports", requested: "v1", route: "/reports/…", days: 1...28, perDay: 3),
            Traffic(client: "anonymous", route: "/vendors", perDay: 2),
            Traffic(
                client: "anonymous",
                requested: "unknown",
                route: "/vendors",
                days: 5...9,
                perDay: 1,
                statusClass: 4
            ),
            Traffic(
                client: "wayne-logistics",
                requested: "v1",
                route: "/purchase-orders/{id}",
                perDay: 1,
                statusClass: 5
            ),
            Traffic(
                client: "preview-co",
                served: "v3",
                requested: "v3",
                route: "/suppliers",
                days: 20...30,
                perDay: 4,
                changes: [("v3", "money-is-an-object")]
            ),
            Traffic(client: "preview-co", requested: "v1", route: "/vendors", days: 1...19, perDay: 2),
            Traffic(client: "delta", served: "v2", requested: "v2", route: "/purchase-orders", perDay: 160),
            Traffic(client: "delta", served: "v2", route: "/suppliers", perDay: 60),
        ]
        + ["/inventory", "/inventory/{sku}", "/work-orders", "/work-orders/{id}", "/suppliers/{id}", "/shipments"]
        .enumerated().map { index, route in
            Traffic(client: "umbrella-warehouse", requested: "v1", route: route, days: 8...30, perDay: Int64(6 - index))
        }

    static var usage: UsageBatch {
        var batch = UsageBatch()
        for traffic in self.traffic {
            for day in traffic.days {
                let date = "2026-11-\(day < 10 ? "0" : "")\(day)"
                // Today, the window's last day, is only half over.
                let count = day == 30 ? max(1, traffic.perDay / 2) : traffic.perDay
                let row = RequestUsage(
                    day: ReportFixture.day(date),
                    client: traffic.client,
                    requestedVersion: traffic.requested ?? traffic.served,
                    servedVersion: traffic.served,
                    method: traffic.method,
                    route: traffic.route,
                    statusClass: traffic.statusClass
                )
                let tally = UsageTally(
                    count: count,
                    firstSeen: ReportFixture.at("\(date)T06:00:00Z"),
                    lastSeen: ReportFixture.at("\(date)T\(day == 30 ? "11" : "18"):00:00Z")
                )
                batch.requests[row, default: UsageTally(count: 0, firstSeen: tally.firstSeen, lastSeen: tally.lastSeen)]
                    .merge(tally)
                for change in traffic.changes where traffic.statusClass == 2 {
                    let fired = ChangeUsage(
                        day: row.day,
                        client: traffic.client,
                        servedVersion: traffic.served,
                        changeVersion: change.version,
                        changeID: change.id
                    )
                    batch.changes[
                        fired,
                        default: UsageTally(count: 0, firstSeen: tally.firstSeen, lastSeen: tally.lastSeen)
                    ]
                    .merge(tally)
                }
            }
        }
        // One request, ever: first and last seen are the same instant.
        let once = RequestUsage(
            day: ReportFixture.day("2026-11-29"),
            client: "hooli",
            requestedVersion: "v1",
            servedVersion: "v1",
            method: "DELETE",
            route: "/purchase-orders/{id}",
            statusClass: 2
        )
        batch.requests[once] = UsageTally(at: ReportFixture.at("2026-11-29T23:26:16Z"))
        return batch
    }

    static func report(guideBaseURL: String? = nil) -> DeprecationReport {
        DeprecationReport(
            catalog: ReportFixture.catalog,
            usage: self.usage,
            now: ReportFixture.now,
            window: ReportFixture.window,
            guideBaseURL: guideBaseURL
        )
    }
}
