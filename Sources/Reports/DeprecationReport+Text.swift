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
            "Window: \(self.windowRange) (\(self.windowLength)); generated \(self.generatedAt.rfc3339)",
            "Requests in the window: \(ReportFormatting.count(self.totalRequests))",
        ]
        if self.totalRequests == 0 { lines.append(Self.emptyWindowNotice) }
        lines += ["", "VERSIONS"]
        lines += self.versionTable.lines(width: Self.textWidth)
        lines += ["", "REQUESTS BY STATUS CLASS"]
        lines += self.statusTable.lines(width: Self.textWidth)
        lines += ["", "DAILY REQUESTS (\(self.windowRange), \(self.trendLegend))"]
        lines += self.versions.map(self.trendLine)
        lines += ["", "AT RISK: \(self.atRiskScope)"]
        guard !self.atRisk.isEmpty else {
            return (lines + ["No client in the window.", ""]).joined(separator: "\n")
        }
        lines += self.atRiskTable.lines(width: Self.textWidth)
        lines.append(
            "Most at risk first. 4XX, 5XX: requests refused or failed; DEFAULT: requests that named no version."
        )
        for (index, client) in self.atRisk.enumerated() {
            lines += [""] + self.details(of: client, rank: index + 1)
        }
        return (lines + [""]).joined(separator: "\n")
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

    /// Each version's requests by status class; the 1XX and UNKNOWN columns only when some request had them.
    private var statusTable: TextTable {
        let shown = Set(self.versions.flatMap { $0.statusClasses.shown.map(\.name) })
        let names = StatusClassCounts().named.map(\.name).filter(shown.contains)
        return TextTable(
            columns: [.init(title: "VERSION")] + names.map { .init(title: $0.uppercased(), alignment: .right) },
            rows: self.versions.map { version in
                [version.name.description]
                    + names.map { name in
                        ReportFormatting.count(version.statusClasses.named.first { $0.name == name }?.requests ?? 0)
                    }
            }
        )
    }

    private var atRiskTable: TextTable {
        TextTable(
            columns: [
                .init(title: "#", alignment: .right), .init(title: "CLIENT", flexible: true), .init(title: "VERSION"),
                .init(title: "DAYS LEFT", alignment: .right), .init(title: "REQUESTS", alignment: .right),
                .init(title: "4XX", alignment: .right), .init(title: "5XX", alignment: .right),
                .init(title: "DEFAULT", alignment: .right), .init(title: "BREAKING HITS", alignment: .right),
                .init(title: "LAST SEEN"),
            ],
            rows: self.atRisk.enumerated().map { index, client in
                [
                    "\(index + 1)", ReportFormatting.oneLine(client.client), client.version.description,
                    client.daysLeft.map(String.init) ?? "-", ReportFormatting.count(client.requests),
                    ReportFormatting.count(client.statusClasses[4]), ReportFormatting.count(client.statusClasses[5]),
                    ReportFormatting.count(client.defaultVersionRequests),
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
            indent + "\(ReportFormatting.count(client.requests, "request")), seen \(client.seenRange)",
        ]
        let statusClasses = client.statusClasses.shown.map { "\($0.name) \(ReportFormatting.count($0.requests))" }
        lines += Self.wrapped(indent + "Status classes: ", statusClasses)
        lines += Self.wrapped(indent + "Version chosen: ", client.versionChoice)
        if client.getsVersionOnlyByDefault {
            lines.append(indent + "Only by default: it \(Self.movesWithTheDefault).")
        }
        if let version = self.versions.first(where: { $0.name == client.version }), let guide = version.migrationGuide {
            // A URL too long for the line gives way to the path: a URL cut with `…` would lead nowhere.
            let url = version.migrationGuideURL.flatMap { indent.count + 17 + $0.count <= Self.textWidth ? $0 : nil }
            lines.append(indent + "Migration guide: \(url ?? guide)")
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
    /// `prefix` and `parts` joined by ` · `, on as many lines as keep each within ``textWidth``: a part that would
    /// pass it starts a new line, aligned under the first part.
    fileprivate static func wrapped(_ prefix: String, _ parts: [String]) -> [String] {
        var lines = [prefix]
        for part in parts {
            let last = lines[lines.count - 1]
            let separator = last.count == prefix.count ? "" : " · "
            if last.count + separator.count + part.count > Self.textWidth, last.count > prefix.count {
                lines.append(String(repeating: " ", count: prefix.count) + part)
            } else {
                lines[lines.count - 1] = last + separator + part
            }
        }
        return lines
    }

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
