import Versioning

extension VersionDiff {
    /// For a terminal: a headline, then each endpoint with its changes (whether each breaks, the change's id,
    /// version and verb, its summary, and how it reads the other way where that differs), then each change's guide
    /// section once. Ends with a newline.
    func text() -> String {
        var lines = [self.headline]
        guard !self.entries.isEmpty else { return lines.joined(separator: "\n") + "\n" }
        lines.append(self.reading)
        let plain: (String) -> String = { $0 }
        let indent = String(repeating: " ", count: 16)
        for group in self.endpoints {
            lines += ["", Self.label(group.endpoint, code: plain)]
            for entry in group.entries {
                let verdict = entry.breaking ? "breaking" : "not breaking"
                let padded = verdict + String(repeating: " ", count: 14 - verdict.count)
                lines.append("  \(padded)\(entry.change.id) (\(entry.version), \(entry.change.verb.name))")
                lines.append(indent + entry.change.summary)
                if let note = self.note(on: entry, code: plain) { lines.append(indent + note) }
                if let otherWay = self.otherWay(of: entry, code: plain) { lines.append(indent + otherWay) }
            }
        }
        let guided = self.entries.filter { $0.guide != nil }
        if !guided.isEmpty {
            lines += ["", "Guides"]
            let width = guided.map(\.reference.description.count).max() ?? 0
            for entry in guided {
                let reference = entry.reference.description
                let padded = reference + String(repeating: " ", count: width - reference.count)
                lines.append("  \(padded)  \(entry.guide?.description ?? "")")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
