import Versioning

extension MigrationCheckResult {
    /// The result as a Markdown comment for a pull request: the verdict, a table of hits, then the safe and
    /// non-breaking changes in lists.
    public var markdown: String {
        var lines = [
            "## Migration check: \(self.from) → \(self.to)",
            "",
            "**\(self.verdict)** (\(self.readFrom)).",
            "",
            "### Breaking changes that hit this traffic (\(self.hits.count))",
            "",
        ]
        if self.hits.isEmpty {
            lines.append("None.")
        } else {
            lines += ["| Change | Requests | Example | Guide |", "|---|---:|---|---|"]
            for outcome in self.hits {
                let change = "`\(outcome.change.reference)`: \(Self.cell(outcome.change.change.summary))"
                let example = outcome.example.map {
                    "`\(Self.code($0.method + " " + $0.target))` \(Self.cell($0.subject))"
                }
                let guide = outcome.change.guide.map { "[guide](\($0))" }
                lines.append(
                    "| \(change) | \(outcome.requests.groupedByThousands) | \(example ?? "") | \(guide ?? "") |"
                )
            }
        }
        if !self.unchecked.isEmpty {
            lines += ["", "### Breaking changes that could not be checked (\(self.unchecked.count))", ""]
            lines += self.unchecked.map { outcome in
                "- `\(outcome.change.reference)`: \(outcome.change.change.summary) "
                    + "(\(Self.count(outcome.unexamined, "request")) it concerns could not be examined)"
            }
        }
        lines += ["", "### Safe for you: breaking changes this traffic does not touch (\(self.safe.count))", ""]
        lines += self.safe.isEmpty ? ["None."] : self.safe.map(Self.item)
        lines += ["", "### Non-breaking changes (\(self.informational.count))", ""]
        lines += self.informational.isEmpty ? ["None."] : self.informational.map(Self.item)
        let caveats = self.caveats
        if !caveats.isEmpty {
            lines += ["", "### Not fully checked", ""] + caveats.map { "- " + $0 }
            lines += self.unplaced.paths.map { path, count in "  - `\(Self.code(path))`: \(count.groupedByThousands)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func item(_ outcome: ChangeOutcome) -> String {
        let altered = outcome.requests > 0 ? " (alters \(Self.count(outcome.requests, "request")))" : ""
        return "- `\(outcome.change.reference)`: \(outcome.change.change.summary)\(altered)"
    }

    /// Text for a table cell: one line, pipes escaped.
    private static func cell(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ").replacing("|", with: "\\|")
    }

    /// Text for inline code in a table cell: no backticks, pipes escaped.
    private static func code(_ text: String) -> String {
        self.cell(text.replacing("`", with: "'"))
    }
}
