import Store
import Versioning

extension DeprecationReport {
    /// The report as one self-contained HTML page: inline CSS, no scripts, no external assets. It holds the
    /// versions table, an inline SVG chart of daily requests per version (``DailyRequestsChart``), the at-risk
    /// table, one `<tr class="at-risk" data-client="…" data-version="…">` per client and version, and a legend of
    /// the changes that table names. All text is escaped (``HTMLText``); the only links are migration guides
    /// published at an `http` or `https` URL.
    func html() -> String {
        var lines = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>Deprecation report, \(self.windowRange)</title>",
            "<style>", Self.styleSheet, "</style>",
            "</head>",
            "<body>",
            "<h1>Deprecation report</h1>",
            "<p class=\"window\">Window: <strong>\(self.windowRange)</strong> (\(self.windowLength)). "
                + "Generated \(self.generatedAt.rfc3339). "
                + "\(ReportFormatting.count(self.totalRequests, "request")) in the window.</p>",
        ]
        if self.totalRequests == 0 {
            lines.append("<p class=\"notice\" role=\"status\">\(HTMLText.escaped(Self.emptyWindowNotice))</p>")
        }
        lines.append("<h2>Versions</h2>")
        lines += self.versionsTable
        lines += [
            "<h2>Daily requests</h2>",
            "<figure>",
            DailyRequestsChart(versions: self.versions, daily: self.daily, lastDayIsPartial: self.lastDayIsPartial)
                .svg,
            "</figure>",
            "<h2>At risk</h2>",
            "<p>\(HTMLText.escaped(self.atRiskIntroduction)).</p>",
        ]
        if !self.atRisk.isEmpty { lines += self.htmlAtRiskTable + self.htmlChangesLegend }
        lines += ["</body>", "</html>", ""]
        return lines.joined(separator: "\n")
    }

    private var versionsTable: [String] {
        var lines = [
            "<div class=\"scroll\">",
            "<table class=\"versions\">",
            "<thead><tr><th>Version</th><th>Status</th><th>Released</th><th>Deprecated</th><th>Sunset</th>"
                + "<th class=\"number\">Days left</th><th class=\"number\">Requests</th><th class=\"number\">Share</th>"
                + "<th>Status classes</th><th>Migration guide</th></tr></thead>",
            "<tbody>",
        ]
        lines += self.versions.map { version in
            "<tr data-version=\"\(HTMLText.escaped(version.name.description))\">"
                + "<td>\(self.versionLabel(version.name))</td>"
                + "<td><span class=\"status \(version.status.rawValue)\">\(version.status.rawValue)</span></td>"
                + Self.cell(version.released?.description ?? "–") + Self.cell(version.deprecated?.description ?? "–")
                + Self.cell(version.sunset?.description ?? "–")
                + Self.cell(version.daysLeft.map(String.init) ?? "–", number: true)
                + Self.cell(ReportFormatting.count(version.requests), number: true)
                + Self.cell(ReportFormatting.percent(version.share), number: true)
                + "<td>\(Self.statusClasses(version.statusClasses))</td>"
                + "<td class=\"guide\">\(Self.guide(version))</td></tr>"
        }
        return lines + ["</tbody>", "</table>", "</div>"]
    }

    /// The version's name after a swatch of its colour in the chart.
    func versionLabel(_ name: VersionName) -> String {
        let color = self.versions.firstIndex { $0.name == name }.map(DailyRequestsChart.color(ofVersionAt:))
        let swatch = color.map { "<span class=\"swatch\" style=\"background: \($0)\" aria-hidden=\"true\"></span>" }
        return (swatch ?? "") + HTMLText.escaped(name.description)
    }

    /// The guide as a link (`v1 → v2 guide`, the URL as its tooltip) when it is published at a web URL, else its path
    /// in the repository.
    private static func guide(_ version: VersionUsage) -> String {
        guard let path = version.migrationGuide else { return "–" }
        if let url = version.migrationGuideURL, url.hasPrefix("https://") || url.hasPrefix("http://"),
            let successor = version.successor
        {
            let text = "\(version.name) → \(successor) guide"
            return
                "<a href=\"\(HTMLText.escaped(url))\" title=\"\(HTMLText.escaped(url))\">\(HTMLText.escaped(text))</a>"
        }
        return "<code>\(HTMLText.escaped(path))</code>"
    }

    /// Requests by status class, two to a line: zeros muted, refused and failed ones (4xx, 5xx) in bold.
    static func statusClasses(_ counts: StatusClassCounts) -> String {
        let items = counts.shown.map { name, requests in
            let kind = requests == 0 ? " zero" : (name == "4xx" || name == "5xx" ? " failed" : "")
            return "<span class=\"class\(kind)\">\(name) \(ReportFormatting.count(requests))</span>"
        }
        return "<span class=\"classes\">\(items.joined(separator: " "))</span>"
    }

    static func cell(_ text: String, number: Bool = false) -> String {
        (number ? "<td class=\"number\">" : "<td>") + HTMLText.escaped(text) + "</td>"
    }
}
