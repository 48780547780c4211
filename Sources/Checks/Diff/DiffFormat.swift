/// The formats a diff renders to, as `versiongate diff --format` names them.
public enum DiffFormat: String, Sendable, CaseIterable {
    /// For a terminal: endpoints with their changes, then the guide sections.
    case text
    /// One table to paste into a pull request comment.
    case markdown
    /// The `versiongate.diff/1` document (`docs/diff-schema.md`), byte-stable for the same manifests.
    case json
}

extension VersionDiff {
    /// The diff as `format`, ending with a newline.
    public func rendered(as format: DiffFormat) -> String {
        switch format {
        case .text: self.text()
        case .markdown: self.markdown()
        case .json: self.json()
        }
    }
}
