import Store

/// Rows for ledger tests: one day's requests, changes and evaluations, easy to vary by client and day.
enum LedgerFixtures {
    /// 2025-11-08.
    static let day = UsageDay(daysSinceEpoch: 20_400)

    static func request(
        client: String = "acme",
        requestedVersion: String? = "v1",
        day: UsageDay = Self.day,
        route: String = "/purchase-orders/{id}",
        statusClass: Int = 2
    ) -> RequestUsage {
        RequestUsage(
            day: day,
            client: client,
            requestedVersion: requestedVersion,
            servedVersion: "v1",
            method: "GET",
            route: route,
            statusClass: statusClass
        )
    }

    static func change(
        client: String = "acme",
        day: UsageDay = Self.day,
        changeID: String = "rename-vendor"
    ) -> ChangeUsage {
        ChangeUsage(day: day, client: client, servedVersion: "v1", changeVersion: "v2", changeID: changeID)
    }

    static func evaluation(
        client: String = "acme",
        day: UsageDay = Self.day,
        evaluatedVersion: String = "v2",
        via: String = "translation"
    ) -> EvaluationUsage {
        EvaluationUsage(
            day: day,
            client: client,
            servedVersion: "v1",
            evaluatedVersion: evaluatedVersion,
            via: via
        )
    }

    /// `count` distinct request rows, a tenth as many change rows and as many evaluation rows for `client`, each
    /// counted `weight` times.
    static func wideBatch(client: String, rows count: Int, weight: Int64 = 1) -> UsageBatch {
        var batch = UsageBatch()
        for index in 0..<count {
            let request = Self.request(client: client, route: "/items/\(index)", statusClass: 1 + index % 5)
            batch.requests[request] = UsageTally(count: weight, firstSeen: 1_000, lastSeen: 2_000)
            if index % 10 == 0 {
                batch.changes[Self.change(client: client, changeID: "change-\(index)")] = UsageTally(
                    count: weight,
                    firstSeen: 1_000,
                    lastSeen: 2_000
                )
                let evaluation = Self.evaluation(
                    client: client,
                    evaluatedVersion: "v\(2 + index / 20)",
                    via: index % 20 == 0 ? "translation" : "preview"
                )
                batch.evaluations[evaluation] = UsageTally(count: weight, firstSeen: 1_000, lastSeen: 2_000)
            }
        }
        return batch
    }

    /// The rows of `batch` that belong to `client` (tests sharing a store keep apart by client).
    static func rows(of client: String, in batch: UsageBatch) -> UsageBatch {
        UsageBatch(
            requests: batch.requests.filter { $0.key.client == client },
            changes: batch.changes.filter { $0.key.client == client },
            evaluations: batch.evaluations.filter { $0.key.client == client }
        )
    }
}
