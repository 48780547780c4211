/// The rules a set of manifests must follow, each broken rule reported as one finding that names the file and
/// says what to do. Pure: guide files are passed in by name.
public enum VersionPolicy {
    /// Tunable parts of the policy.
    public struct Rules: Sendable {
        /// Least time between a successor's release and its predecessor's sunset.
        public var minimumSunsetMonths: Int

        public init(minimumSunsetMonths: Int = 12) {
            self.minimumSunsetMonths = minimumSunsetMonths
        }
    }

    /// One broken rule.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public let file: String
        public let message: String

        public init(file: String, message: String) {
            self.file = file
            self.message = message
        }

        /// `file: message`, one line.
        public var description: String { "\(self.file): \(self.message)" }
    }

    /// Every finding for `manifests`.
    /// - Parameters:
    ///   - guides: the file names in the migration guides directory (`v1-to-v2.md`, `2024-01-01-to-2024-06-20.md`),
    ///     or nil not to check guides.
    public static func findings(
        for manifests: [VersionManifest],
        guides: Set<String>?,
        rules: Rules = Rules()
    )
        -> [Finding]
    {
        let byName = Dictionary(manifests.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var findings = self.structuralFindings(for: manifests)
        for manifest in manifests.sorted(by: { $0.name < $1.name }) {
            findings += self.dateFindings(for: manifest)
            findings += self.successionFindings(for: manifest, byName: byName, rules: rules)
            findings += self.additionFindings(for: manifest)
            if manifest.previous == nil, let change = manifest.changes.first {
                findings.append(
                    Finding(
                        file: manifest.source,
                        message:
                            "change '\(change.id)' has nothing to change: \(manifest.name) names no previous version"
                    )
                )
            }
            if let guides, let previous = manifest.previous, !guides.contains("\(previous)-to-\(manifest.name).md") {
                findings.append(
                    Finding(
                        file: manifest.source,
                        message:
                            "no migration guide migration-guides/\(previous)-to-\(manifest.name).md; write one that "
                            + "tells \(previous) clients what changed and what to do"
                    )
                )
            }
        }
        return findings
    }

    /// The rules a catalog cannot be built without: unique names, one `current` version, `previous` /
    /// `successor` links that exist, agree and form no cycle, and one chain in the order of the names, all named
    /// in one scheme (``VersionName/Scheme``).
    public static func structuralFindings(for manifests: [VersionManifest]) -> [Finding] {
        var findings: [Finding] = []
        var byName: [VersionName: VersionManifest] = [:]
        for manifest in manifests {
            if byName.updateValue(manifest, forKey: manifest.name) != nil {
                findings.append(Finding(file: manifest.source, message: "version \(manifest.name) is declared twice"))
            }
        }
        let current = manifests.filter { $0.status == .current }.map(\.name).sorted()
        if current.count != 1 {
            let found = current.isEmpty ? "none" : current.map(\.description).joined(separator: ", ")
            findings.append(
                Finding(
                    file: manifests.first.map { self.directory(of: $0.source) } ?? "versions",
                    message: "exactly one version must have status 'current' (found: \(found))"
                )
            )
        }
        for manifest in manifests.sorted(by: { $0.name < $1.name }) {
            findings += self.linkFindings(for: manifest, byName: byName)
        }
        findings += self.chainFindings(for: manifests, byName: byName)
        return findings
    }

    /// The directory part of `path`, kept absolute when the path is (`/tmp/x/versions/v1.yaml` →
    /// `/tmp/x/versions`); `.` for a bare file name.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func linkFindings(for manifest: VersionManifest, byName: [VersionName: VersionManifest]) -> [Finding]
    {
        let name = manifest.name
        var messages: [String] = []
        if manifest.previous == name || manifest.successor == name {
            messages.append("a version cannot be its own previous version or successor")
        } else {
            if let previous = manifest.previous {
                if let older = byName[previous] {
                    if let successor = older.successor, successor != name {
                        messages.append(
                            "names \(previous) as previous, but \(previous) names \(successor) as successor"
                        )
                    }
                } else {
                    messages.append("names previous version \(previous), which is not declared")
                }
            }
            if let successor = manifest.successor {
                if let newer = byName[successor] {
                    if newer.previous != name {
                        messages.append(
                            "names \(successor) as successor, but \(successor) does not name \(name) as previous"
                        )
                    }
                } else {
                    messages.append("names successor \(successor), which is not declared")
                }
            }
            var seen: Set<VersionName> = [name]
            var cursor = manifest.previous
            while let next = cursor {
                guard seen.insert(next).inserted else {
                    messages.append("the chain of 'previous' versions from \(name) loops back on itself")
                    break
                }
                cursor = byName[next]?.previous
            }
        }
        return messages.map { Finding(file: manifest.source, message: $0) }
    }

    private static func dateFindings(for manifest: VersionManifest) -> [Finding] {
        var messages: [String] = []
        let status = manifest.status.rawValue
        if manifest.status != .draft, manifest.released == nil {
            messages.append("a \(status) version needs a 'released' date")
        }
        if let date = manifest.name.date, let released = manifest.released, released != date {
            messages.append(
                "'released' (\(released)) is not the date the version is named after (\(date)); "
                    + "set 'released: \(date)', or rename the version and its file to \(released)"
            )
        }
        if manifest.status == .deprecated || manifest.status == .retired,
            manifest.deprecated == nil || manifest.sunset == nil || manifest.successor == nil
        {
            messages.append("a \(status) version needs 'deprecated', 'sunset' and 'successor'")
        }
        if let released = manifest.released, let deprecated = manifest.deprecated, deprecated < released {
            messages.append("'deprecated' (\(deprecated)) is before 'released' (\(released)); deprecate after release")
        }
        if let sunset = manifest.sunset {
            if let deprecated = manifest.deprecated, sunset < deprecated {
                messages.append(
                    "'sunset' (\(sunset)) is before 'deprecated' (\(deprecated)); RFC 9745 requires the sunset to come no earlier"
                )
            }
            if manifest.deprecated == nil {
                messages.append("'sunset' needs a 'deprecated' date before it, so that clients are warned")
            }
        }
        for window in manifest.brownouts {
            if let sunset = manifest.sunset.map(Instant.init), window.end > sunset {
                messages.append("the brownout \(window.start)–\(window.end) must end before the sunset (\(sunset))")
            }
            if manifest.deprecated.map(Instant.init).map({ window.start < $0 }) ?? true {
                messages.append("the brownout \(window.start)–\(window.end) must start after the version is deprecated")
            }
        }
        return messages.map { Finding(file: manifest.source, message: $0) }
    }

    private static func successionFindings(
        for manifest: VersionManifest,
        byName: [VersionName: VersionManifest],
        rules: Rules
    ) -> [Finding] {
        guard manifest.deprecated != nil || manifest.status == .deprecated || manifest.status == .retired else {
            return []
        }
        guard let successorName = manifest.successor, let successor = byName[successorName] else {
            if manifest.successor == nil, manifest.deprecated != nil {
                return [
                    Finding(
                        file: manifest.source,
                        message: "a version with a 'deprecated' date needs a 'successor' for clients to move to"
                    )
                ]
            }
            return []
        }
        guard successor.status != .draft, let released = successor.released else {
            return [
                Finding(
                    file: manifest.source,
                    message:
                        "is deprecated in favour of \(successorName), which is not released; release \(successorName) first"
                )
            ]
        }
        var findings: [Finding] = []
        if let deprecated = manifest.deprecated, deprecated < released {
            findings.append(
                Finding(
                    file: manifest.source,
                    message:
                        "is deprecated (\(deprecated)) before its successor \(successorName) is released (\(released))"
                )
            )
        }
        if let sunset = manifest.sunset {
            let earliest = Instant(released).adding(months: rules.minimumSunsetMonths).calendarDate
            if sunset < earliest {
                findings.append(
                    Finding(
                        file: manifest.source,
                        message:
                            "'sunset' (\(sunset)) is less than \(rules.minimumSunsetMonths) months after \(successorName) "
                            + "was released (\(released)); move it to \(earliest) or later"
                    )
                )
            }
        }
        return findings
    }

    private static func additionFindings(for manifest: VersionManifest) -> [Finding] {
        manifest.additions.compactMap { addition in
            if addition.breaking {
                return Finding(
                    file: manifest.source,
                    message: "the addition '\(addition.summary)' is breaking; a released version only gains "
                        + "non-breaking additions: put it in a new version"
                )
            }
            if let released = manifest.released, addition.date < released {
                return Finding(
                    file: manifest.source,
                    message:
                        "the addition '\(addition.summary)' is dated \(addition.date), before the release (\(released))"
                )
            }
            if manifest.released == nil {
                return Finding(
                    file: manifest.source,
                    message:
                        "the addition '\(addition.summary)' belongs in a released version; an unreleased one lists changes"
                )
            }
            return nil
        }
    }
}
