import Store
import Versioning

/// Phrases the human formats (text, Markdown, HTML) share, so that they say the same thing the same way.
extension DeprecationReport {
    /// What a window without requests means: not an all-clear.
    static let emptyWindowNotice =
        "No requests in this window: the ledger may not have been written yet, or the window is wrong."

    /// Said of a client that got its version only because it named none.
    static let movesWithTheDefault = "moves silently when the default changes"

    /// `2026-11-01 to 2026-11-30`, or `2026-11-30` for a one-day window.
    var windowRange: String {
        self.window.since == self.window.until
            ? self.window.until.description : "\(self.window.since) to \(self.window.until)"
    }

    /// `30 days, UTC` or `1 day, UTC`.
    var windowLength: String {
        "\(ReportFormatting.count(Int64(self.window.dayCount), "day")), UTC"
    }

    /// Which clients the at-risk list holds, for its heading: `6 clients of …`, or `10 entries (9 clients) of …`
    /// when a client was served two versions.
    var atRiskScope: String {
        let versions =
            self.includesAllVersions ? "every version" : "draft, deprecated and retired versions"
        let clients = ReportFormatting.count(Int64(self.atRiskClientCount), "client")
        let entries =
            self.atRisk.count == self.atRiskClientCount
            ? clients : "\(ReportFormatting.count(Int64(self.atRisk.count), "entry", plural: "entries")) (\(clients))"
        return "\(entries) of \(versions)"
    }

    /// ``atRiskScope`` and, when there are any, the order they come in.
    var atRiskIntroduction: String {
        self.atRisk.isEmpty ? self.atRiskScope : "\(self.atRiskScope), most at risk first"
    }
}

extension AtRiskClient {
    /// Requests that named a version the gateway could not read or serve, and were answered (refused) by this one.
    var otherVersionRequests: Int64 {
        max(0, self.requests - self.namedVersionRequests - self.defaultVersionRequests)
    }

    /// How the client came to this version, as parts: `named 130`, `by default 20`, and `other 5` when some
    /// requests named a version the gateway could not read or serve.
    var versionChoice: [String] {
        var parts = [
            "named \(ReportFormatting.count(self.namedVersionRequests))",
            "by default \(ReportFormatting.count(self.defaultVersionRequests))",
        ]
        if self.otherVersionRequests > 0 { parts.append("other \(ReportFormatting.count(self.otherVersionRequests))") }
        parts += self.previews.map { "previewed \($0.version) \(ReportFormatting.count($0.requests))" }
        return parts
    }

    /// When the client was seen: `from A to B`, or `at A` when both are the same instant.
    var seenRange: String {
        self.firstSeen == self.lastSeen
            ? "at \(self.firstSeen.rfc3339)" : "from \(self.firstSeen.rfc3339) to \(self.lastSeen.rfc3339)"
    }
}
