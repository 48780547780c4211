import Yams

/// Turns the text of one manifest into a ``VersionManifest``, or a ``ManifestError`` that names the line and the
/// problem. Unknown keys are errors, so a misspelt `sunest:` cannot silently disable a sunset.
///
/// Reading the file is the caller's job; this is pure.
public enum ManifestDecoder {
    private static let knownKeys: Set<String> = [
        "version", "status", "released", "deprecated", "sunset", "previous", "successor", "summary",
    ]

    /// - Parameters:
    ///   - text: the YAML text.
    ///   - file: the file's path, for messages.
    ///   - expectedName: the version the file name promises (`v2` for `v2.yaml`), if any.
    public static func decode(_ text: String, file: String, expectedName: VersionName? = nil) throws(ManifestError)
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
        var fields = Fields(file: file)
        for (key, value) in mapping {
            guard let name = key.string, Self.knownKeys.contains(name) else {
                let known = Self.knownKeys.sorted().joined(separator: ", ")
                throw ManifestError(
                    file: file, line: Self.line(of: key),
                    message: "unknown key '\(key.string ?? "?")'; known keys: \(known)")
            }
            fields.values[name] = value
        }
        let manifest = VersionManifest(
            name: try fields.required("version", as: "a version name like v2", VersionName.init),
            status: try fields.required("status", as: Self.statusChoices, VersionStatus.init(rawValue:)),
            released: try fields.optional("released", as: "a date like 2026-03-01", CalendarDate.init),
            deprecated: try fields.optional("deprecated", as: "a date like 2026-03-01", CalendarDate.init),
            sunset: try fields.optional("sunset", as: "a date like 2026-03-01", CalendarDate.init),
            previous: try fields.optional("previous", as: "a version name like v1", VersionName.init),
            successor: try fields.optional("successor", as: "a version name like v3", VersionName.init),
            summary: try fields.optional("summary", as: "text") { $0 }
        )
        if let expectedName, manifest.name != expectedName {
            throw ManifestError(
                file: file, line: fields.line("version"),
                message: "declares version \(manifest.name) but the file is named for \(expectedName)")
        }
        try Self.checkLifecycle(manifest, fields: fields)
        return manifest
    }

    private static let statusChoices = "one of " + VersionStatus.allCases.map(\.rawValue).joined(separator: ", ")

    private static func checkLifecycle(_ manifest: VersionManifest, fields: Fields) throws(ManifestError) {
        func fail(_ key: String, _ message: String) -> ManifestError {
            ManifestError(file: fields.file, line: fields.line(key) ?? fields.line("status"), message: message)
        }
        if manifest.status != .draft, manifest.released == nil {
            throw fail("released", "a \(manifest.status.rawValue) version needs a 'released' date")
        }
        if manifest.status == .deprecated || manifest.status == .retired {
            guard manifest.deprecated != nil, manifest.sunset != nil, manifest.successor != nil else {
                throw fail("status", "a \(manifest.status.rawValue) version needs 'deprecated', 'sunset' and 'successor'")
            }
        }
        if let released = manifest.released, let deprecated = manifest.deprecated, deprecated < released {
            throw fail("deprecated", "'deprecated' (\(deprecated)) is before 'released' (\(released))")
        }
        if let deprecated = manifest.deprecated, let sunset = manifest.sunset, sunset < deprecated {
            throw fail("sunset", "'sunset' (\(sunset)) is before 'deprecated' (\(deprecated))")
        }
        if manifest.previous == manifest.name || manifest.successor == manifest.name {
            throw fail("previous", "a version cannot be its own previous version or successor")
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

    fileprivate static func line(of node: Node) -> Int? { node.mark?.line }
}

/// The top-level values of one manifest, read by key with messages that name the line.
private struct Fields {
    let file: String
    var values: [String: Node] = [:]

    func line(_ key: String) -> Int? { self.values[key].flatMap(ManifestDecoder.line(of:)) }

    func optional<T>(_ key: String, as expected: String, _ parse: (String) -> T?) throws(ManifestError) -> T? {
        guard let node = self.values[key] else { return nil }
        guard let text = node.scalar?.string, let value = parse(text) else {
            throw ManifestError(
                file: self.file, line: ManifestDecoder.line(of: node),
                message: "'\(key)' must be \(expected), not '\(node.scalar?.string ?? "a list or mapping")'")
        }
        return value
    }

    func required<T>(_ key: String, as expected: String, _ parse: (String) -> T?) throws(ManifestError) -> T {
        guard let value = try self.optional(key, as: expected, parse) else {
            throw ManifestError(file: self.file, message: "missing '\(key)' (\(expected))")
        }
        return value
    }
}
