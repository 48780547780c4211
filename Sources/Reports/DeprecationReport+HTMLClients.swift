import Store
import Versioning

extension DeprecationReport {
    /// Endpoints a row lists before folding the rest into a `<details>`, so that one busy client does not make its
    /// row a page tall.
    private static let endpointsShown = 4

    /// The at-risk table: one row per client and version, its days left under the version's name, its requests by
    /// status class under their total, and its changes as compact `id ×hits` items whose summaries are in
    /// ``htmlChangesLegend``.
    var htmlAtRiskTable: [String] {
        var lines = [
            "<div class=\"scroll\">",
            "<table class=\"clients\">",
            "<thead><tr><th class=\"number\">#</th><th>Client</th><th>Version</th>"
                + "<th class=\"number\">Requests by status class</th><th>Version chosen</th>"
                + "<th class=\"number\">Breaking hits</th><th>Seen</th><th>Endpoints</th><th>Changes fired</th>"
                + "</tr></thead>",
            "<tbody>",
        ]
        for (index, client) in self.atRisk.enumerated() {
            lines.append(
                "<tr class=\"at-risk\" data-client=\"\(HTMLText.escaped(client.client))\" "
                    + "data-version=\"\(HTMLText.escaped(client.version.description))\">"
                    + Self.cell("\(index + 1)", number: true)
                    + "<td class=\"client\" title=\"\(HTMLText.escaped(client.client))\">"
                    + "<code>\(HTMLText.escaped(client.client))</code></td>"
                    + "<td class=\"version\">\(self.versionLabel(client.version))<br><span class=\"days-left\">"
                    + "\(ReportFormatting.daysLeft(client.daysLeft))</span></td>"
                    + "<td class=\"requests\"><span class=\"total\">\(ReportFormatting.count(client.requests))</span>"
                    + "<br>\(Self.statusClasses(client.statusClasses))</td>"
                    + Self.versionChoice(client)
                    + Self.cell(ReportFormatting.count(client.breakingHits), number: true)
                    + Self.seen(client) + Self.endpoints(client) + Self.changes(client) + "</tr>"
            )
        }
        return lines + ["</tbody>", "</table>", "</div>"]
    }

    /// Named and defaulted requests, one to a line, and a warning for a client that only ever got the default.
    private static func versionChoice(_ client: AtRiskClient) -> String {
        let warning =
            client.getsVersionOnlyByDefault ? "<br><span class=\"warning\">\(Self.movesWithTheDefault)</span>" : ""
        return
            "<td class=\"choice\">\(client.versionChoice.map(HTMLText.escaped).joined(separator: "<br>"))\(warning)</td>"
    }

    /// The first and last days seen, each with its full instant as a tooltip; one day once.
    private static func seen(_ client: AtRiskClient) -> String {
        func time(_ instant: Instant) -> String {
            "<time datetime=\"\(instant.rfc3339)\" title=\"\(instant.rfc3339)\">\(instant.calendarDate)</time>"
        }
        guard client.firstSeen.calendarDate != client.lastSeen.calendarDate else {
            return "<td class=\"seen\">\(time(client.lastSeen))</td>"
        }
        return "<td class=\"seen\">\(time(client.firstSeen)) to<br>\(time(client.lastSeen))</td>"
    }

    /// The most requested endpoints, the rest folded away.
    private static func endpoints(_ client: AtRiskClient) -> String {
        let items = client.endpoints.map { endpoint in
            "<li><code>\(HTMLText.escaped("\(endpoint.method) \(endpoint.route)"))</code> "
                + "\(ReportFormatting.count(endpoint.requests))</li>"
        }
        guard items.count > Self.endpointsShown + 1 else {
            return "<td class=\"endpoints\"><ul>\(items.joined())</ul></td>"
        }
        let rest = items.count - Self.endpointsShown
        return "<td class=\"endpoints\"><ul>\(items.prefix(Self.endpointsShown).joined())</ul>"
            + "<details><summary>\(rest) more</summary><ul>\(items.dropFirst(Self.endpointsShown).joined())</ul>"
            + "</details></td>"
    }

    /// `po-supplier-id ×150 breaking`: ids and hits only, the summary as a tooltip and in the legend.
    private static func changes(_ client: AtRiskClient) -> String {
        guard !client.changes.isEmpty else { return "<td class=\"changes\">none</td>" }
        let items = client.changes.map { change in
            "<li class=\"\(change.breaking ? "breaking" : "compatible")\" "
                + "title=\"\(HTMLText.escaped("\(change.changeVersion) \(change.changeID): \(change.summary)"))\">"
                + "<code>\(HTMLText.escaped(change.changeID))</code> ×\(ReportFormatting.count(change.count))"
                + (change.breaking ? " <span class=\"tag\">breaking</span>" : "") + "</li>"
        }
        return "<td class=\"changes\"><ul>\(items.joined(separator: " "))</ul></td>"
    }

    /// Every change the at-risk table names, once: its summary, and how many clients and hits it has there.
    var htmlChangesLegend: [String] {
        let changes = ChangeLegend(self.atRisk).rows
        guard !changes.isEmpty else { return [] }
        var lines = [
            "<h3>Changes</h3>",
            "<div class=\"scroll\">",
            "<table class=\"changes-legend\">",
            "<thead><tr><th>Change</th><th>Declared in</th><th>Kind</th><th class=\"number\">Clients</th>"
                + "<th class=\"number\">Hits</th><th>Summary</th></tr></thead>",
            "<tbody>",
        ]
        lines += changes.map { change in
            "<tr data-change=\"\(HTMLText.escaped(change.id))\"><td class=\"id\"><code>\(HTMLText.escaped(change.id))"
                + "</code></td>" + Self.cell(change.version)
                + (change.breaking ? "<td><span class=\"tag\">breaking</span></td>" : Self.cell("compatible"))
                + Self.cell(ReportFormatting.count(Int64(change.clients)), number: true)
                + Self.cell(ReportFormatting.count(change.hits), number: true)
                + "<td class=\"summary\">\(HTMLText.escaped(change.summary))</td></tr>"
        }
        return lines + ["</tbody>", "</table>", "</div>"]
    }
}
