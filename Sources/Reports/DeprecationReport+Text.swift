import Store
import Versioning

extension DeprecationReport {
    /// The widest line of the text report: a 100-column terminal.
    static let textWidth = 100

    /// The report for a terminal: a heading, the versions, a daily trend per version, the at-risk clients and each
    /// one's endpoints and changes. Client names and routes are cut with `…` so that no line passes ``textWidth``.
    func text() -> String {
        var lines = [
            "VersionGate deprecation report",
            "Window: \(self.window.since) to \(self.window.until) (\(self.window.dayCount) days, UTC); "
                + "generated \(self.generatedAt.rfc3339)",
            "Requests in the window: \(ReportFormatting.count(self.totalRequests))",
            "",
            "VERSIONS",
        ]
        lines += self.versionTable.lines(width: Self.textWidth)
        lines += ["", "DAILY REQUESTS (\(self.window.since) to \(self.window.until), \(self.trendLegend))"]
        lines += self.versions.map(self.trendLine)
        lines += ["", "AT RISK (\(self.atRiskScope))"]
        guard !self.atRisk.isEmpty else {
            return (lines + ["No client in the window.", ""]).joined(separator: "\n")
        }
        lines += self.atRiskTable.lines(width: Self.textWidth)
        for (index, client) in self.atRisk.enumerated() {
            lines += [""] + self.details(of: client, rank: index + 1)
        }
        return (lines + [""]).joined(separator: "\n")
    }

    /// Which clients the at-risk list holds, for its heading.
    var atRiskScope: String {
        let scope =
            self.includesAllVersions
            ? "clients of every version" : "clients of draft, deprecated and retired versions"
        return "\(self.atRisk.count) \(scope), most at risk first"
    }

    private var versionTable: TextTable {
        TextTable(
            columns: [
                .init(title: "VERSION"), .init(title: "STATUS"), .init(title: "RELEASED"),
                .init(title: "DEPRECATED"), .init(title: "SUNSET"), .init(title: "DAYS LEFT", alignment: .right),
                .init(title: "REQUESTS", alignment: .right), .init(title: "SHARE", alignment: .right),
            ],
            rows: self.versions.map { version in
                [
                    version.name.description, version.status.rawValue, version.released?.description ?? "-",
                    version.deprecated?.description ?? "-", version.sunset?.description ?? "-",
                    version.daysLeft.map(String.init) ?? "-", ReportFormatting.count(version.requests),
                    ReportFormatting.percent(version.share),
                ]
            }
        )
    }

    private var atRiskTable: TextTable {
        TextTable(
            columns: [
                .init(title: "#", alignment: .right), .init(title: "CLIENT", flexible: true), .init(title: "VERSION"),
                .init(title: "DAYS LEFT", alignment: .right), .init(title: "REQUESTS", alignment: .right),
                .init(title: "BREAKING HITS", alignment: .right), .init(title: "LAST SEEN"),
            ],
            rows: self.atRisk.enumerated().map { index, client in
                [
                    "\(index + 1)", ReportFormatting.oneLine(client.client), client.version.description,
                    client.daysLeft.map(String.init) ?? "-", ReportFormatting.count(client.requests),
                    ReportFormatting.count(client.breakingHits), client.lastSeen.calendarDate.description,
                ]
            }
        )
    }

    private func details(of client: AtRiskClient, rank: Int) -> [String] {
        let indent = "   "
        let width = Self.textWidth - indent.count
        let name = ReportFormatting.truncated(ReportFormatting.oneLine(client.client), to: 48)
        var lines = [
            "\(rank). \(name) on \(client.version) (\(client.status.rawValue), "
                + "\(ReportFormatting.daysLeft(client.daysLeft)))",
            indent + "\(ReportFormatting.count(client.requests)) requests, first seen \(client.firstSeen.rfc3339), "
                + "last seen \(client.lastSeen.rfc3339)",
        ]
        if let guide = self.versions.first(where: { $0.name == client.version })?.migrationGuide {
            lines.append(indent + "Migration guide: \(guide)")
        }
        let endpoints = TextTable(
            columns: [
                .init(title: "METHOD", maxWidth: 8), .init(title: "ROUTE", flexible: true),
                .init(title: "REQUESTS", alignment: .right),
            ],
            rows: client.endpoints.map { endpoint in
                [
                    ReportFormatting.oneLine(endpoint.method), ReportFormatting.oneLine(endpoint.route),
                    ReportFormatting.count(endpoint.requests),
                ]
            }
        )
        lines += [""] + endpoints.lines(width: width).map { indent + $0 }
        guard !client.changes.isEmpty else {
            return lines + ["", indent + "No declared change altered its traffic."]
        }
        let changes = TextTable(
            columns: [
                .init(title: "CHANGE", maxWidth: 40), .init(title: "BREAKING"),
                .init(title: "HITS", alignment: .right), .init(title: "SUMMARY", flexible: true),
            ],
            rows: client.changes.map { change in
                [
                    ReportFormatting.oneLine("\(change.changeVersion) \(change.changeID)"),
                    change.breaking ? "yes" : "no",
                    ReportFormatting.count(change.count), ReportFormatting.oneLine(change.summary),
                ]
            }
        )
        return lines + [""] + changes.lines(width: width).map { indent + $0 }
    }
}

extension DeprecationReport {
    /// Columns a trend line may take: the rest of the line holds the version's name and its peak.
    private static let trendWidth = 60

    /// How to read the trend lines.
    fileprivate var trendLegend: String {
        let perColumn = Sparkline.countsPerColumn(count: self.daily.count, width: Self.trendWidth)
        let column = perColumn == 1 ? "one column a day" : "one column per \(perColumn) days"
        return "\(column), each line scaled to its own peak"
    }

    /// `v1          ▁▂▃▅▇█…  peak 1,234`.
    fileprivate func trendLine(_ version: VersionUsage) -> String {
        let sparkline = Sparkline(self.daily.map { $0.requests[version.name] ?? 0 }, width: Self.trendWidth)
        let name = version.name.description.padding(to: 10)
        return "\(name)  \(sparkline.line)  peak \(ReportFormatting.count(sparkline.peak))"
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - self.count))
    }
}
