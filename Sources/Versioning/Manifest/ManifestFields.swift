import Yams

/// The values of one mapping of a manifest, read by key with messages that name the line.
struct ManifestFields {
    let file: String
    var values: [String: Node] = [:]

    init(file: String) {
        self.file = file
    }

    /// The fields of `node`, which must be a mapping with only `keys`.
    init(mapping node: Node, file: String, keys: Set<String>, context: String) throws(ManifestError) {
        self.file = file
        guard let mapping = node.mapping else {
            throw ManifestError(
                file: file,
                line: ManifestDecoder.line(of: node),
                message: "each of \(context) must be a mapping"
            )
        }
        for (key, value) in mapping {
            guard let name = key.string, keys.contains(name) else {
                throw ManifestError(
                    file: file,
                    line: ManifestDecoder.line(of: key),
                    message:
                        "unknown key '\(key.string ?? "?")' in \(context); known keys: \(keys.sorted().joined(separator: ", "))"
                )
            }
            self.values[name] = value
        }
    }

    /// Each item of the list under `key` (empty when absent), made by `make` from its fields.
    func list<T>(
        _ key: String,
        keys: Set<String>,
        as expected: String,
        _ make: (ManifestFields) throws(ManifestError) -> T
    ) throws(ManifestError) -> [T] {
        guard let node = self.values[key] else { return [] }
        guard let sequence = node.sequence else {
            throw ManifestError(
                file: self.file,
                line: ManifestDecoder.line(of: node),
                message: "'\(key)' must be \(expected)"
            )
        }
        var items: [T] = []
        for item in sequence {
            items.append(try make(try ManifestFields(mapping: item, file: self.file, keys: keys, context: "'\(key)'")))
        }
        return items
    }

    /// `preview: open` or `preview: [client-a, client-b]`; closed when absent.
    func previewAccess() throws(ManifestError) -> PreviewAccess {
        guard let node = self.values["preview"] else { return .clients([]) }
        if node.scalar?.string == "open" { return .open }
        if let sequence = node.sequence {
            var ids: Set<String> = []
            for item in sequence {
                guard let id = item.scalar?.string, !id.isEmpty else { break }
                ids.insert(id)
            }
            if ids.count == sequence.count { return .clients(ids) }
        }
        throw ManifestError(
            file: self.file,
            line: ManifestDecoder.line(of: node),
            message: "'preview' must be 'open' or a list of client ids"
        )
    }

    func line(_ key: String) -> Int? { self.values[key].flatMap(ManifestDecoder.line(of:)) }

    func optional<T>(_ key: String, as expected: String, _ parse: (String) -> T?) throws(ManifestError) -> T? {
        guard let node = self.values[key] else { return nil }
        guard let text = node.scalar?.string, let value = parse(text) else {
            throw ManifestError(
                file: self.file,
                line: ManifestDecoder.line(of: node),
                message: "'\(key)' must be \(expected), not '\(node.scalar?.string ?? "a list or mapping")'"
            )
        }
        return value
    }

    func required<T>(_ key: String, as expected: String, _ parse: (String) -> T?) throws(ManifestError) -> T {
        guard let value = try self.optional(key, as: expected, parse) else {
            throw ManifestError(file: self.file, message: "missing '\(key)' (\(expected))")
        }
        return value
    }

    /// The changes under `changes`, in order; ids must be unique.
    func changes() throws(ManifestError) -> [VersionChange] {
        guard let node = self.values["changes"] else { return [] }
        guard let sequence = node.sequence else {
            throw ManifestError(
                file: self.file,
                line: self.line("changes"),
                message: "'changes' must be a list of changes"
            )
        }
        var changes: [VersionChange] = []
        for item in sequence {
            let change = try ChangeDecoder.decode(item, file: self.file)
            guard !changes.contains(where: { $0.id == change.id }) else {
                throw ManifestError(
                    file: self.file,
                    line: ManifestDecoder.line(of: item),
                    message: "change '\(change.id)' is declared twice"
                )
            }
            changes.append(change)
        }
        return changes
    }
}
