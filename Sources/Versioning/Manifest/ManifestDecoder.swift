import Yams

/// Turns the text of one manifest into a ``VersionManifest``, or a ``ManifestError`` that names the line and the
/// problem. Unknown keys are errors, so a misspelt `sunest:` cannot silently disable a sunset.
///
/// Reading the file is the caller's job; this is pure.
public enum ManifestDecoder {
    static let knownKeys: Set<String> = [
        "version", "status", "released", "deprecated", "sunset", "previous", "successor", "summary", "brownouts",
        "preview", "additions", "changes",
    ]

    /// - Parameters:
    ///   - text: the YAML text.
    ///   - file: the file's path, for messages.
    ///   - expectedName: the version the file name promises (`v2` for `v2.yaml`, `2024-06-20` for
    ///     `2024-06-20.yaml`), if any.
    public static func decode(
        _ text: String,
        file: String,
        expectedName: VersionName? = nil
    ) throws(ManifestError)
        -> VersionManifest
    {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ManifestError(file: file, message: "the manifest is empty")
            }
            root = node
        } catch let error as ManifestError {
            throw error
        } catch let error as YamlError {
            throw Self.describe(error, file: file)
        } catch {
            throw ManifestError(file: file, message: "invalid YAML: \(error)")
        }
        guard let mapping = root.mapping else {
            throw ManifestError(file: file, line: Self.line(of: root), message: "expected a mapping of keys to values")
        }
        var fields = ManifestFields(file: file)
        for (key, value) in mapping {
            guard let name = key.string, Self.knownKeys.contains(name) else {
                let known = Self.knownKeys.sorted().joined(separator: ", ")
                throw ManifestError(
                    file: file,
                    line: Self.line(of: key),
                    message: "unknown key '\(key.string ?? "?")'; known keys: \(known)"
                )
            }
            fields.values[name] = value
        }
        let manifest = VersionManifest(
            name: try fields.required("version", as: "a version name like v2 or 2024-06-20", VersionName.init),
            status: try fields.required("status", as: Self.statusChoices, VersionStatus.init(rawValue:)),
            released: try fields.optional("released", as: "a date like 2026-03-01", CalendarDate.init),
            deprecated: try fields.optional("deprecated", as: "a date like 2026-03-01", CalendarDate.init),
            sunset: try fields.optional("sunset", as: "a date like 2026-03-01", CalendarDate.init),
            previous: try fields.optional("previous", as: "a version name like v1 or 2024-01-01", VersionName.init),
            successor: try fields.optional("successor", as: "a version name like v3 or 2025-01-01", VersionName.init),
            summary: try fields.optional("summary", as: "text") { $0 },
            brownouts: try fields.list(
                "brownouts",
                keys: ["start", "end"],
                as: "a list of {start: <RFC 3339>, end: <RFC 3339>}"
            ) {
                (item: ManifestFields) throws(ManifestError) in
                let window = BrownoutWindow(
                    start: try item.required(
                        "start",
                        as: "an RFC 3339 time like 2026-05-04T09:00:00Z",
                        Instant.init(rfc3339:)
                    ),
                    end: try item.required(
                        "end",
                        as: "an RFC 3339 time like 2026-05-04T10:00:00Z",
                        Instant.init(rfc3339:)
                    )
                )
                guard window.start < window.end else {
                    throw ManifestError(
                        file: file,
                        line: item.line("end"),
                        message: "a brownout must end after it starts"
                    )
                }
                return window
            },
            preview: try fields.previewAccess(),
            additions: try fields.list(
                "additions",
                keys: ["date", "summary", "breaking"],
                as: "a list of {date: <date>, summary: <text>, breaking: <bool>}"
            ) {
                (item: ManifestFields) throws(ManifestError) in
                Addition(
                    date: try item.required("date", as: "a date like 2026-03-01", CalendarDate.init),
                    summary: try item.required("summary", as: "text") { $0 },
                    breaking: try item.optional("breaking", as: "true or false", Self.boolean) ?? false
                )
            },
            source: file,
            changes: try fields.changes()
        )
        if let expectedName, manifest.name != expectedName {
            throw ManifestError(
                file: file,
                line: fields.line("version"),
                message: "declares version \(manifest.name) but the file is named for \(expectedName)"
            )
        }
        return manifest
    }

    private static let statusChoices = "one of " + VersionStatus.allCases.map(\.rawValue).joined(separator: ", ")

    private static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true": true
        case "false": false
        default: nil
        }
    }

    private static func describe(_ error: YamlError, file: String) -> ManifestError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ManifestError(file: file, line: mark.line, message: "invalid YAML: \(problem)")
        default:
            return ManifestError(file: file, message: "invalid YAML: \(error)")
        }
    }

    static func line(of node: Node) -> Int? { node.mark?.line }
}
