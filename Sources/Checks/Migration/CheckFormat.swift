/// How a migration check prints its result.
public enum CheckFormat: String, Sendable, CaseIterable {
    /// For a terminal or a CI log.
    case text
    /// For a pull request comment.
    case markdown
    /// For tools: the `versiongate.check/1` schema (docs/check-schema.md).
    case json
    /// JUnit XML for CI dashboards: one test case per breaking change, failed when it hits.
    case junit
}

extension MigrationCheckResult {
    public func rendered(as format: CheckFormat) -> String {
        switch format {
        case .text: self.text
        case .markdown: self.markdown
        case .json: self.json
        case .junit: self.junit
        }
    }
}
