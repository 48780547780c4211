import Versioning

extension VersionDiff {
    /// For a pull request comment: a heading, the counts, and one table of every endpoint's changes, each change
    /// linked to its guide section (relative to the repository root, as `migration-guides/v1-to-v2.md#…`).
    /// Ends with a newline.
    func markdown() -> String {
        var lines = ["## API changes: \(self.from) → \(self.to)", ""]
        guard !self.entries.isEmpty else {
            lines.append("\(self.from) and \(self.to) declare no changes between them: a client works unchanged.")
            return lines.joined(separator: "\n") + "\n"
        }
        lines += [
            "**\(self.counts).** \(self.reading)", "",
            "| Endpoint | Change | Breaking | What changed |",
            "|---|---|---|---|",
        ]
        for group in self.endpoints {
            for (index, entry) in group.entries.enumerated() {
                let endpoint = index == 0 ? Self.label(group.endpoint, code: Self.code) : ""
                let id = Self.code(entry.change.id)
                let change =
                    (entry.guide.map { "[\(id)](\($0))" } ?? id) + " \(entry.version), \(entry.change.verb.name)"
                var what = [Self.escaped(entry.change.summary)]
                if let note = self.note(on: entry, code: Self.code) { what.append(note) }
                if let otherWay = self.otherWay(of: entry, code: Self.code) { what.append(otherWay) }
                let cells = [endpoint, change, entry.breaking ? "**yes**" : "no", what.joined(separator: "<br>")]
                lines.append("| " + cells.map { Self.cell($0) }.joined(separator: " | ") + " |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A code span that holds any text: fenced by one backtick more than the longest run inside, padded where the
    /// text starts or ends with one.
    private static func code(_ text: String) -> String {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padding = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + padding + text + padding + fence
    }

    /// Manifest text as Markdown shows it literally: no HTML tags.
    private static func escaped(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
    }

    /// A table cell: a pipe would end it, even inside a code span.
    private static func cell(_ text: String) -> String {
        text.replacing("|", with: "\\|")
    }
}
