/// Renders the migration guide between two adjacent versions from the newer one's manifest: each change with its
/// summary, whether it breaks clients, a before/after example and what to do. Pure: the same manifests always give
/// the same Markdown, so the committed guides can be checked for drift.
public enum MigrationGuideRenderer {
    /// Why no guide can be rendered.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
        /// The guide the caller most likely meant, when it named two adjacent versions newer first.
        public var intended: (older: VersionName, newer: VersionName)? = nil
    }

    public static func render(
        from older: VersionName,
        to newer: VersionName,
        catalog: VersionCatalog
    ) throws(Failure)
        -> String
    {
        guard let manifest = catalog[newer], catalog[older] != nil else {
            throw Failure(description: "no version \(catalog[older] == nil ? older : newer) in the catalog")
        }
        guard older != newer else {
            throw Failure(description: "a guide goes between two different versions, not from \(older) to itself")
        }
        if catalog[older]?.previous == newer {
            throw Failure(
                description: "\(older) follows \(newer), and guides go from the older version to the newer",
                intended: (older: newer, newer: older)
            )
        }
        guard manifest.previous == older else {
            throw Failure(
                description:
                    "\(newer) follows \(manifest.previous.map(\.description) ?? "no version"), not \(older); guides cover adjacent versions"
            )
        }
        var lines = ["# Migrating from \(older) to \(newer)", ""]
        if let summary = manifest.summary { lines += [summary, ""] }
        let breaking = manifest.changes.filter(\.breaking).count
        lines += [
            "Send `API-Version: \(newer)` once your client handles the changes below "
                + "(\(manifest.changes.count) in all, \(breaking) breaking). Until then the gateway keeps serving "
                + "\(older) exactly as before.",
            "",
        ]
        if manifest.changes.isEmpty {
            lines += ["\(newer) declares no changes against \(older): a client works unchanged.", ""]
        }
        for change in manifest.changes {
            lines += Self.section(for: change, older: older, newer: newer)
        }
        return lines.joined(separator: "\n")
    }

    private static func section(for change: VersionChange, older: VersionName, newer: VersionName) -> [String] {
        var lines = ["## \(change.summary)", ""]
        var facts = [
            "- Change: `\(change.id)` (\(change.verb.name)), \(change.breaking ? "**breaking**" : "not breaking")"
        ]
        if !change.scope.endpoints.isEmpty {
            facts.append("- Endpoints: " + change.scope.endpoints.map { "`\($0)`" }.joined(separator: ", "))
        }
        if !change.scope.methods.isEmpty {
            facts.append("- Methods: " + change.scope.methods.sorted().joined(separator: ", "))
        }
        lines += facts + [""]
        let (before, after, todo) = self.example(change.verb)
        lines += [
            "\(older):", "", "```", before, "```", "",
            "\(newer):", "", "```", after, "```", "",
            "What to do: \(todo)", "",
        ]
        return lines
    }

    /// A before/after pair and the instruction for each verb.
    private static func example(_ verb: ChangeVerb) -> (String, String, String) {
        switch verb {
        case .renamePath(let older, let newer):
            return ("\(older)", "\(newer)", "call `\(newer)` where you called `\(older)`.")
        case .renameQueryParameter(let older, let newer):
            return ("?\(older)=…", "?\(newer)=…", "send `\(newer)` instead of `\(older)`.")
        case .renameHeader(let older, let newer):
            return ("\(older): …", "\(newer): …", "send and read the `\(newer)` header instead of `\(older)`.")
        case .renameField(let older, let newer):
            return (
                self.object(older, "…"), self.object(newer, "…"), "read and write `\(newer)` instead of `\(older)`."
            )
        case .wrapFields(let into, let members):
            let before = "{" + members.map { "\"\($0.olderField)\": …" }.joined(separator: ", ") + "}"
            let inner = "{" + members.map { "\"\($0.member)\": …" }.joined(separator: ", ") + "}"
            let sources = members.map { "`\($0.olderField)`" }.joined(separator: ", ")
            return (before, self.object(into, inner), "read and write \(sources) as the members of `\(into)`.")
        case .mapValues(let field, let forward, let backward):
            let before = forward.map { "\"\(field)\": \(self.json($0.from))" }.joined(separator: "\n")
            let after = forward.map { "\"\(field)\": \(self.json($0.to))" }.joined(separator: "\n")
            let back = backward.map { "\(self.json($0.from)) (was \(self.json($0.to)))" }.joined(separator: ", ")
            return (before, after, "send the new values; expect \(back) in `\(field)`.")
        case .convertFormat(let field, let older, let newer):
            return (
                self.object(field, self.sample(older)), self.object(field, self.sample(newer)),
                "read and write `\(field)` as \(self.describe(newer)) instead of \(self.describe(older))."
            )
        case .reshapeList(let older, let newer):
            return (
                self.envelope(older), self.envelope(newer),
                "read list items from `\(newer.items)` and the total from `\(newer.total)`."
            )
        case .addField(let field, let defaultValue):
            return (
                "{}", self.object(field, self.json(defaultValue)),
                "expect `\(field)`; when you omit it, it is \(self.json(defaultValue))."
            )
        case .removeField(let field, _):
            return (self.object(field, "…"), "{}", "stop reading and sending `\(field)`.")
        }
    }

    private static func object(_ path: FieldPath, _ value: String) -> String {
        path.parts.reversed().reduce(value) { inner, part in "{\"\(part)\": \(inner)}" }
    }

    private static func envelope(_ envelope: ListEnvelope) -> String {
        var document = JSONDocument(emptyObjectOver: JSONText(source: []))
        let items = document.text.appendScalar(.array([]))
        document.setValue(items, at: envelope.items, inObjectAt: .root)
        let total = document.text.appendScalar(.number("0"))
        document.setValue(total, at: envelope.total, inObjectAt: .root)
        return String(decoding: document.bytes, as: UTF8.self).replacingOccurrences(
            of: "[]",
            with: "[…]"
        )
    }

    private static func json(_ value: JSONValue) -> String {
        String(decoding: JSONWriter.bytes(value), as: UTF8.self)
    }

    private static func sample(_ format: ValueFormat) -> String {
        switch format {
        case .unixSeconds: "1768469400"
        case .rfc3339: "\"2026-01-15T09:30:00Z\""
        }
    }

    private static func describe(_ format: ValueFormat) -> String {
        switch format {
        case .unixSeconds: "unix seconds"
        case .rfc3339: "an RFC 3339 string in UTC"
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        self.split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
