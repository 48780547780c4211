/// The formats a report renders to, as `versiongate report deprecations --format` names them.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Tables for a terminal, no line longer than 100 columns.
    case text
    /// Headings and tables to paste into a pull request or an email.
    case markdown
    /// The `versiongate.report/1` document (`docs/report-schema.md`), byte-stable for the same report.
    case json
    /// One self-contained page: inline CSS, an inline SVG chart of daily requests, no scripts.
    case html
}

extension DeprecationReport {
    /// The report as `format`; the text formats end with a newline.
    public func rendered(as format: ReportFormat) -> String {
        switch format {
        case .text: self.text()
        case .markdown: self.markdown()
        case .json: self.json()
        case .html: self.html()
        }
    }
}
