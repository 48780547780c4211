/// Where a migration guide explains one change: the guide's file and the anchor of the change's section, as
/// GitHub (and most Markdown renderers after it) derives anchors from headings: lower case, punctuation dropped,
/// spaces as hyphens, and `-1`, `-2`, … after a heading that repeats an earlier one.
public struct GuideSection: Sendable, Hashable, CustomStringConvertible {
    /// `migration-guides/v1-to-v2.md`.
    public let file: String
    /// `the-vendors-endpoints-are-now-suppliers`.
    public let anchor: String

    /// The section of `change` in the guide to `manifest`'s version (see ``MigrationGuideRenderer``); nil when the
    /// manifest has no previous version or does not declare the change.
    public init?(change id: String, declaredIn manifest: VersionManifest) {
        guard let previous = manifest.previous else { return nil }
        var seen: [String: Int] = [:]
        for change in manifest.changes {
            let slug = Self.slug(of: change.summary)
            let repeats = seen[slug, default: 0]
            seen[slug] = repeats + 1
            guard change.id == id else { continue }
            self.file = "migration-guides/\(previous)-to-\(manifest.name).md"
            self.anchor = repeats == 0 ? slug : "\(slug)-\(repeats)"
            return
        }
        return nil
    }

    /// `migration-guides/v1-to-v2.md#the-vendors-endpoints-are-now-suppliers`.
    public var description: String { "\(self.file)#\(self.anchor)" }

    /// A heading's anchor: letters, digits, `_` and `-` kept (lower-cased), each space a hyphen, the rest dropped.
    static func slug(of heading: String) -> String {
        String(
            String.UnicodeScalarView(
                heading.lowercased().unicodeScalars.compactMap { scalar in
                    if scalar == " " { return "-" }
                    let properties = scalar.properties
                    let kept =
                        properties.isAlphabetic || properties.numericType != nil || scalar == "_" || scalar == "-"
                    return kept ? scalar : nil
                }
            )
        )
    }
}
