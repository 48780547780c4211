import Versioning

extension MigrationCheckResult {
    /// The result for a terminal or a CI log: the verdict first, then each hit with its example and guide, the
    /// breaking changes that are safe, the non-breaking ones, and what could not be checked.
    public var text: String {
        var lines = ["versiongate check client: \(self.from) -> \(self.to), \(self.readFrom)", self.verdict]
        lines += ["", "Breaking changes that hit this traffic (\(self.hits.count)):"]
        lines += self.hits.isEmpty ? ["  none"] : self.hits.flatMap(Self.hitLines)
        if !self.unchecked.isEmpty {
            lines += ["", "Breaking changes that could not be checked (\(self.unchecked.count)):"]
            lines += self.unchecked.map(Self.uncheckedLine)
        }
        lines += ["", "Breaking changes that touch nothing this traffic used, safe for you (\(self.safe.count)):"]
        lines += self.safe.isEmpty ? ["  none"] : self.safe.map(Self.line)
        lines += ["", "Non-breaking changes (\(self.informational.count)):"]
        lines += self.informational.isEmpty ? ["  none"] : self.informational.map(Self.line)
        let caveats = self.caveats
        if !caveats.isEmpty {
            lines += ["", "Not fully checked:"] + caveats.map { "  " + $0 }
            lines += self.unplaced.paths.map { path, count in "    \(path)  \(Self.count(count, "request"))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func hitLines(_ outcome: ChangeOutcome) -> [String] {
        var lines = [
            "  \(outcome.change.reference)  \(Self.count(outcome.requests, "request"))",
            "    \(outcome.change.change.summary)",
        ]
        if let example = outcome.example { lines.append("    e.g. \(example.description)") }
        if let guide = outcome.change.guide { lines.append("    read: \(guide)") }
        return lines
    }

    private static func uncheckedLine(_ outcome: ChangeOutcome) -> String {
        "  \(outcome.change.reference)  \(outcome.change.change.summary) "
            + "(\(Self.count(outcome.unexamined, "request")) it concerns could not be examined)"
    }

    private static func line(_ outcome: ChangeOutcome) -> String {
        let altered = outcome.requests > 0 ? " (alters \(Self.count(outcome.requests, "request")))" : ""
        return "  \(outcome.change.reference)  \(outcome.change.change.summary)\(altered)"
    }
}
