import Versioning

extension MigrationCheckResult {
    /// The schema name and version a JSON result carries (see docs/check-schema.md).
    public static let schema = "versiongate.check/1"

    /// The result as JSON for tools: members in a fixed order, two-space indented.
    public var json: String {
        let source: JSONValue =
            switch self.source {
            case .traffic(let files): .object(JSONObject([("traffic", .array(files.map(JSONValue.string)))]))
            case .ledger(let client, let window):
                .object(
                    JSONObject([
                        (
                            "ledger",
                            .object(
                                JSONObject([
                                    ("client", .string(client)),
                                    ("window", .string(window)),
                                    ("evaluated", .number(String(self.coverage?.evaluated ?? 0))),
                                    ("previewed", .number(String(self.coverage?.previewed ?? 0))),
                                ])
                            )
                        )
                    ])
                )
            }
        let document = JSONObject([
            ("schema", .string(Self.schema)),
            ("from", .string(self.from.description)),
            ("to", .string(self.to.description)),
            ("source", source),
            ("requests", .number(String(self.requests))),
            ("passed", .bool(self.passed)),
            ("hits", .array(self.hits.map(Self.json))),
            ("unchecked", .array(self.unchecked.map(Self.json))),
            ("safe", .array(self.safe.map(Self.json))),
            ("informational", .array(self.informational.map(Self.json))),
            (
                "unplaced",
                .object(
                    JSONObject([
                        ("requests", .number(String(self.unplaced.count))),
                        (
                            "paths",
                            .array(
                                self.unplaced.paths.map { path, count in
                                    .object(
                                        JSONObject([("request", .string(path)), ("requests", .number(String(count)))])
                                    )
                                }
                            )
                        ),
                    ])
                )
            ),
            ("unreadable_bodies", .number(String(self.unreadableBodies))),
            ("unanswered", .number(String(self.unanswered))),
            ("other_versions", .number(String(self.otherVersions))),
        ])
        return PrettyJSON.text(.object(document)) + "\n"
    }

    private static func json(_ outcome: ChangeOutcome) -> JSONValue {
        let change = outcome.change
        let example: JSONValue =
            outcome.example.map { example in
                .object(
                    JSONObject([
                        ("method", .string(example.method)),
                        ("target", .string(example.target)),
                        ("subject", .string(example.subject)),
                        ("origin", example.origin.map(JSONValue.string) ?? .null),
                    ])
                )
            } ?? .null
        return .object(
            JSONObject([
                ("version", .string(change.version.description)),
                ("id", .string(change.change.id)),
                ("verb", .string(change.change.verb.name)),
                ("summary", .string(change.change.summary)),
                ("breaking", .bool(change.change.breaking)),
                ("requests", .number(String(outcome.requests))),
                ("unexamined", .number(String(outcome.unexamined))),
                ("example", example),
                ("guide", change.guide.map { .string($0.description) } ?? .null),
            ])
        )
    }
}
