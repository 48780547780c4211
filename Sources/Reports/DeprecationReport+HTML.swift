import Store
import Versioning

extension DeprecationReport {
    /// The report as one self-contained HTML page: inline CSS, no scripts, no external assets. It holds the
    /// versions table, an inline SVG chart of daily requests per version (``DailyRequestsChart``) and the at-risk
    /// table, one `<tr class="at-risk" data-client="…" data-version="…">` per client and version. All text is
    /// escaped (``HTMLText``).
    func html() -> String {
        let window = "\(self.window.since) to \(self.window.until)"
        var lines = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>Deprecation report, \(window)</title>",
            "<style>", Self.styleSheet, "</style>",
            "</head>",
            "<body>",
            "<h1>Deprecation report</h1>",
            "<p class=\"window\">Window: <strong>\(window)</strong> (\(self.window.dayCount) days, UTC). "
                + "Generated \(self.generatedAt.rfc3339). "
                + "\(ReportFormatting.count(self.totalRequests)) requests in the window.</p>",
            "<h2>Versions</h2>",
        ]
        lines += self.versionsTable
        lines += [
            "<h2>Daily requests</h2>",
            "<figure>",
            DailyRequestsChart(versions: self.versions, daily: self.daily).svg,
            "</figure>",
            "<h2>At risk</h2>",
            "<p>\(HTMLText.escaped(self.atRiskScope)).</p>",
        ]
        if !self.atRisk.isEmpty { lines += self.atRiskTable }
        lines += ["</body>", "</html>", ""]
        return lines.joined(separator: "\n")
    }

    private var versionsTable: [String] {
        var lines = [
            "<table class=\"versions\">",
            "<thead><tr><th>Version</th><th>Status</th><th>Released</th><th>Deprecated</th><th>Sunset</th>"
                + "<th class=\"number\">Days left</th><th class=\"number\">Requests</th><th class=\"number\">Share</th>"
                + "<th>Migration guide</th></tr></thead>",
            "<tbody>",
        ]
        lines += self.versions.map { version in
            "<tr data-version=\"\(HTMLText.escaped(version.name.description))\">"
                + Self.cell(version.name.description)
                + "<td><span class=\"status \(version.status.rawValue)\">\(version.status.rawValue)</span></td>"
                + Self.cell(version.released?.description ?? "–") + Self.cell(version.deprecated?.description ?? "–")
                + Self.cell(version.sunset?.description ?? "–")
                + Self.cell(version.daysLeft.map(String.init) ?? "–", number: true)
                + Self.cell(ReportFormatting.count(version.requests), number: true)
                + Self.cell(ReportFormatting.percent(version.share), number: true)
                + "<td class=\"guide\">"
                + (version.migrationGuide.map { "<code>\(HTMLText.escaped($0))</code>" } ?? "–")
                + "</td></tr>"
        }
        return lines + ["</tbody>", "</table>"]
    }

    private var atRiskTable: [String] {
        var lines = [
            "<div class=\"scroll\">",
            "<table class=\"clients\">",
            "<thead><tr><th class=\"number\">#</th><th>Client</th><th>Version</th><th class=\"number\">Days left</th>"
                + "<th class=\"number\">Requests</th><th class=\"number\">Breaking hits</th><th>Seen</th>"
                + "<th>Endpoints</th><th>Changes fired</th></tr></thead>",
            "<tbody>",
        ]
        for (index, client) in self.atRisk.enumerated() {
            let endpoints = client.endpoints.map { endpoint in
                "<li><code>\(HTMLText.escaped("\(endpoint.method) \(endpoint.route)"))</code> "
                    + "\(ReportFormatting.count(endpoint.requests))</li>"
            }
            let changes = client.changes.map { change in
                "<li class=\"\(change.breaking ? "breaking" : "compatible")\">"
                    + "<code>\(HTMLText.escaped("\(change.changeVersion) \(change.changeID)"))</code> "
                    + "×\(ReportFormatting.count(change.count))<br>\(HTMLText.escaped(change.summary))</li>"
            }
            lines.append(
                "<tr class=\"at-risk\" data-client=\"\(HTMLText.escaped(client.client))\" "
                    + "data-version=\"\(HTMLText.escaped(client.version.description))\">"
                    + Self.cell("\(index + 1)", number: true)
                    + "<td class=\"client\"><code>\(HTMLText.escaped(client.client))</code></td>"
                    + Self.cell(client.version.description)
                    + Self.cell(client.daysLeft.map(String.init) ?? "–", number: true)
                    + Self.cell(ReportFormatting.count(client.requests), number: true)
                    + Self.cell(ReportFormatting.count(client.breakingHits), number: true)
                    + Self.seen(client)
                    + "<td class=\"endpoints\"><ul>\(endpoints.joined())</ul></td>"
                    + "<td class=\"changes\">" + (changes.isEmpty ? "none" : "<ul>\(changes.joined())</ul>")
                    + "</td></tr>"
            )
        }
        return lines + ["</tbody>", "</table>", "</div>"]
    }

    /// The first and last days seen, each with its full instant as a tooltip.
    private static func seen(_ client: AtRiskClient) -> String {
        "<td class=\"seen\"><time datetime=\"\(client.firstSeen.rfc3339)\" title=\"\(client.firstSeen.rfc3339)\">"
            + "\(client.firstSeen.calendarDate)</time> to<br><time datetime=\"\(client.lastSeen.rfc3339)\" "
            + "title=\"\(client.lastSeen.rfc3339)\">\(client.lastSeen.calendarDate)</time></td>"
    }

    private static func cell(_ text: String, number: Bool = false) -> String {
        (number ? "<td class=\"number\">" : "<td>") + HTMLText.escaped(text) + "</td>"
    }

    private static let styleSheet = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; margin: 2rem; }
        h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
        h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid #e4e8ec; }
        th { background: #f4f6f8; font-weight: 600; }
        table.versions td:not(.guide) { white-space: nowrap; }
        .scroll { overflow-x: auto; }
        .number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        code { font: 12.5px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; overflow-wrap: anywhere; }
        td.client { min-width: 8rem; max-width: 15rem; }
        td.endpoints { min-width: 12rem; max-width: 24rem; }
        td.changes { min-width: 14rem; }
        td.seen { white-space: nowrap; font-size: 12.5px; }
        ul { margin: 0; padding-left: 1.1rem; }
        li.breaking code { color: #b42318; }
        .status { border-radius: 1rem; padding: .05rem .55rem; font-size: 12.5px; background: #eef1f4; }
        .status.deprecated, .status.retired { background: #fde7e4; color: #8a1c0f; }
        .status.draft { background: #fff4d6; color: #6b4e00; }
        .status.current { background: #e3f4e8; color: #1a6b35; }
        figure { margin: 0; overflow-x: auto; }
        svg.chart { width: 100%; height: auto; font-family: system-ui, sans-serif; }
        svg .grid { stroke: #e4e8ec; }
        svg .axis { stroke: #57606a; }
        svg text { fill: #424a53; font-size: 11px; }
        svg .legend { font-size: 12px; fill: #1b1f24; }
        svg .axis-title { font-size: 12px; font-weight: 600; }
        """
}
