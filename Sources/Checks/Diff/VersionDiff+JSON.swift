import Versioning

extension VersionDiff {
    /// The schema id every JSON diff carries in `schema`; `docs/diff-schema.md` describes it field by field.
    public static let jsonSchema = "versiongate.diff/1"

    /// The diff as the `versiongate.diff/1` document, indented, with a final newline: members in the documented
    /// order and lists in the diff's order, so the same manifests always give the same bytes.
    func json() -> String {
        let document: JSONValue = .object(
            JSONObject([
                ("schema", .string(Self.jsonSchema)),
                ("from", .string(self.from.description)),
                ("to", .string(self.to.description)),
                ("direction", .string(self.direction == .forward ? "forward" : "backward")),
                ("versions", .array(self.versions.map { .string($0.description) })),
                ("change_count", .number(String(self.entries.count))),
                ("breaking_count", .number(String(self.breakingCount))),
                ("changes", .array(self.entries.map(\.json))),
                ("endpoints", .array(self.endpoints.map(\.json))),
            ])
        )
        return PrettyJSON.text(document) + "\n"
    }
}

extension DiffEntry {
    fileprivate var json: JSONValue {
        .object(
            JSONObject([
                ("version", .string(self.version.description)),
                ("id", .string(self.change.id)),
                ("verb", .string(self.change.verb.name)),
                ("summary", .string(self.change.summary)),
                ("declared_breaking", .bool(self.change.breaking)),
                ("breaking", .bool(self.reading.breaking)),
                ("merges", .array(self.reading.merges.map(\.json))),
                (
                    "reverse",
                    .object(
                        JSONObject([
                            ("breaking", .bool(self.reverse.breaking)),
                            ("merges", .array(self.reverse.merges.map(\.json))),
                        ])
                    )
                ),
                ("endpoints", .array(self.endpoints.map { .object(JSONObject($0.jsonMembers)) })),
                ("guide", self.guide.map { .string($0.description) } ?? .null),
            ])
        )
    }
}

extension ValueMerge {
    fileprivate var json: JSONValue {
        .object(
            JSONObject([
                ("field", .string(self.field.description)),
                ("from", .array(self.from)),
                ("into", self.into),
            ])
        )
    }
}

extension DiffEndpoint {
    fileprivate var jsonMembers: [(String, JSONValue)] {
        let (methods, excepted): ([String], [String]) =
            switch self.methods {
            case .all: ([], [])
            case .only(let methods): (methods, [])
            case .allExcept(let methods): ([], methods)
            }
        return [
            ("path", self.path.map { .string($0.description) } ?? .null),
            ("subpaths", .bool(self.includesSubpaths)),
            ("methods", .array(methods.map { .string($0) })),
            ("except_methods", .array(excepted.map { .string($0) })),
        ]
    }
}

extension DiffEndpointGroup {
    fileprivate var json: JSONValue {
        let changes: [JSONValue] = self.entries.map { entry in
            .object(JSONObject([("version", .string(entry.version.description)), ("id", .string(entry.change.id))]))
        }
        return .object(JSONObject(self.endpoint.jsonMembers + [("changes", .array(changes))]))
    }
}
