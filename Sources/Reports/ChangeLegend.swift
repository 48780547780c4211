/// The changes an at-risk list names, each once, with its clients and hits summed over the list: breaking ones
/// first, then the most hit, then by version and id.
struct ChangeLegend {
    struct Row: Equatable {
        var version: String
        var id: String
        var summary: String
        var breaking: Bool
        /// Distinct clients whose traffic the change altered.
        var clients = 0
        var hits: Int64 = 0
    }

    let rows: [Row]

    init(_ atRisk: [AtRiskClient]) {
        var rows: [[String]: Row] = [:]
        var clients: [[String]: Set<String>] = [:]
        for client in atRisk {
            for change in client.changes {
                let key = [change.changeVersion, change.changeID]
                var row =
                    rows[key]
                    ?? Row(version: key[0], id: key[1], summary: change.summary, breaking: change.breaking)
                row.hits += change.count
                rows[key] = row
                clients[key, default: []].insert(client.client)
            }
        }
        self.rows = rows.map { key, row in
            var row = row
            row.clients = clients[key]?.count ?? 0
            return row
        }
        .sorted { lhs, rhs in
            if lhs.breaking != rhs.breaking { return lhs.breaking }
            return (rhs.hits, lhs.version, lhs.id) < (lhs.hits, rhs.version, rhs.id)
        }
    }
}
