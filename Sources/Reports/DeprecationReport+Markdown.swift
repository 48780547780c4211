import Store
import Versioning

extension DeprecationReport {
    /// The report as Markdown (GitHub flavoured) to paste into a pull request or an email: headings, the versions
    /// table, the at-risk table, then each client's endpoints and changes. Client names and routes are code spans,
    /// so that nothing in them is read as Markdown or HTML.
    func markdown() -> String {
        var lines = [
            "# Deprecation report",
            "",
            "Window: **\(self.windowRange)** (\(self.windowLength)). Generated \(self.generatedAt.rfc3339). "
                + "\(ReportFormatting.count(self.totalRequests, "request")) in the window.",
        ]
        if self.totalRequests == 0 { lines += ["", "> **\(Self.emptyWindowNotice)**"] }
        lines += [
            "",
            "## Versions",
            "",
            "| Version | Status | Released | Deprecated | Sunset | Days left | Requests | Share | Status classes |",
            "|---|---|---|---|---|--:|--:|--:|---|",
        ]
        lines += self.versions.map { version in
            Self.row([
                version.name.description, version.status.rawValue, version.released?.description ?? "-",
                version.deprecated?.description ?? "-", version.sunset?.description ?? "-",
                version.daysLeft.map(String.init) ?? "-", ReportFormatting.count(version.requests),
                ReportFormatting.percent(version.share), ReportFormatting.statusClasses(version.statusClasses),
            ])
        }
        lines += ["", "## At risk", "", "\(self.atRiskIntroduction)."]
        guard !self.atRisk.isEmpty else { return (lines + [""]).joined(separator: "\n") }
        lines += [
            "",
            "| # | Client | Version | Days left | Requests | Status classes | Named | By default | Breaking hits "
                + "| Last seen |",
            "|--:|---|---|--:|--:|---|--:|--:|--:|---|",
        ]
        lines += self.atRisk.enumerated().map { index, client in
            Self.row([
                "\(index + 1)", Self.code(client.client), client.version.description,
                client.daysLeft.map(String.init) ?? "-", ReportFormatting.count(client.requests),
                ReportFormatting.statusClasses(client.statusClasses),
                ReportFormatting.count(client.namedVersionRequests),
                ReportFormatting.count(client.defaultVersionRequests), ReportFormatting.count(client.breakingHits),
                client.lastSeen.rfc3339,
            ])
        }
        for (index, client) in self.atRisk.enumerated() {
            lines += [""] + self.markdownDetails(of: client, rank: index + 1)
        }
        return (lines + [""]).joined(separator: "\n")
    }

    private func markdownDetails(of client: AtRiskClient, rank: Int) -> [String] {
        var summary =
            "\(ReportFormatting.count(client.requests, "request")) \(client.seenRange); \(client.status.rawValue), "
            + "\(ReportFormatting.daysLeft(client.daysLeft)). Status classes: "
            + "\(ReportFormatting.statusClasses(client.statusClasses)). Version chosen: "
            + client.versionChoice.joined(separator: " · ")
            + (client.getsVersionOnlyByDefault ? " (\(Self.movesWithTheDefault))." : ".")
        if let version = self.versions.first(where: { $0.name == client.version }), let guide = version.migrationGuide {
            summary += " Migration guide: " + (version.migrationGuideURL.map { "<\($0)>" } ?? "`\(guide)`") + "."
        }
        var lines = [
            "### \(rank). \(Self.code(client.client, inTable: false)) on \(client.version)", "", summary, "",
            "| Method | Route | Requests |", "|---|---|--:|",
        ]
        lines += client.endpoints.map { endpoint in
            Self.row([
                Self.code(endpoint.method), Self.code(endpoint.route), ReportFormatting.count(endpoint.requests),
            ])
        }
        guard !client.changes.isEmpty else { return lines + ["", "No declared change altered its traffic."] }
        lines += ["", "| Change | Breaking | Hits | Summary |", "|---|---|--:|---|"]
        lines += client.changes.map { change in
            Self.row([
                Self.code("\(change.changeVersion) \(change.changeID)"), change.breaking ? "yes" : "no",
                ReportFormatting.count(change.count), Self.cell(change.summary),
            ])
        }
        return lines
    }

    /// A table row of cells already made safe for Markdown.
    private static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    /// Trusted text (a manifest's summary) as a table cell: one line, pipes escaped.
    private static func cell(_ text: String) -> String {
        ReportFormatting.oneLine(text).split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }

    /// Untrusted text as a code span: nothing in it is Markdown or HTML, and a backtick run in it gets a longer
    /// fence. In a table cell pipes are escaped too, since GFM splits cells before it reads spans.
    private static func code(_ text: String, inTable: Bool = true) -> String {
        let text = inTable ? self.cell(text) : ReportFormatting.oneLine(text)
        var longestRun = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let fence = String(repeating: "`", count: longestRun + 1)
        let padding = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + padding + text + padding + fence
    }
}
