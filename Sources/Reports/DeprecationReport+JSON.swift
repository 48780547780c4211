import Store
import Versioning

extension DeprecationReport {
    /// The schema id every JSON report carries in `schema`; `docs/report-schema.md` describes it field by field.
    public static let jsonSchema = "versiongate.report/1"

    /// The report as the `versiongate.report/1` JSON document, indented, with a final newline: members in the
    /// documented order and lists in the report's order, so the same report always gives the same bytes.
    func json() -> String {
        let document: JSONValue = .object(
            JSONObject([
                ("schema", .string(Self.jsonSchema)),
                ("generated_at", .string(self.generatedAt.rfc3339)),
                (
                    "window",
                    .object(
                        JSONObject([
                            ("since", .string(self.window.since.description)),
                            ("until", .string(self.window.until.description)),
                            ("days", .integer(self.window.dayCount)),
                        ])
                    )
                ),
                ("include_all", .bool(self.includesAllVersions)),
                ("total_requests", .integer(self.totalRequests)),
                ("versions", .array(self.versions.map(\.json))),
                ("at_risk", .array(self.atRisk.map(\.json))),
                ("daily", .array(self.daily.map { $0.json(versions: self.versions.map(\.name)) })),
            ])
        )
        return PrettyJSON.text(document) + "\n"
    }
}

extension VersionUsage {
    fileprivate var json: JSONValue {
        .object(
            JSONObject([
                ("name", .string(self.name.description)),
                ("status", .string(self.status.rawValue)),
                ("released", .date(self.released)),
                ("deprecated", .date(self.deprecated)),
                ("sunset", .date(self.sunset)),
                ("days_left", self.daysLeft.map { .integer($0) } ?? .null),
                ("successor", self.successor.map { .string($0.description) } ?? .null),
                ("migration_guide", self.migrationGuide.map { .string($0) } ?? .null),
                ("migration_guide_url", self.migrationGuideURL.map { .string($0) } ?? .null),
                ("requests", .integer(self.requests)),
                ("share", .share(self.share)),
                ("status_classes", .statusClasses(self.statusClasses)),
            ])
        )
    }
}

extension AtRiskClient {
    fileprivate var json: JSONValue {
        .object(
            JSONObject([
                ("client", .string(self.client)),
                ("version", .string(self.version.description)),
                ("status", .string(self.status.rawValue)),
                ("days_left", self.daysLeft.map { .integer($0) } ?? .null),
                ("requests", .integer(self.requests)),
                ("status_classes", .statusClasses(self.statusClasses)),
                ("named_version_requests", .integer(self.namedVersionRequests)),
                ("default_version_requests", .integer(self.defaultVersionRequests)),
                ("breaking_hits", .integer(self.breakingHits)),
                ("first_seen", .string(self.firstSeen.rfc3339)),
                ("last_seen", .string(self.lastSeen.rfc3339)),
                (
                    "endpoints",
                    .array(
                        self.endpoints.map { endpoint in
                            .object(
                                JSONObject([
                                    ("method", .string(endpoint.method)),
                                    ("route", .string(endpoint.route)),
                                    ("requests", .integer(endpoint.requests)),
                                ])
                            )
                        }
                    )
                ),
                (
                    "changes",
                    .array(
                        self.changes.map { change in
                            .object(
                                JSONObject([
                                    ("version", .string(change.changeVersion)),
                                    ("id", .string(change.changeID)),
                                    ("summary", .string(change.summary)),
                                    ("breaking", .bool(change.breaking)),
                                    ("declared", .bool(change.declared)),
                                    ("count", .integer(change.count)),
                                ])
                            )
                        }
                    )
                ),
                (
                    "previews",
                    .array(
                        self.previews.map { preview in
                            .object(
                                JSONObject([
                                    ("version", .string(preview.version)),
                                    ("requests", .integer(preview.requests)),
                                ])
                            )
                        }
                    )
                ),
            ])
        )
    }
}

extension DailyRequests {
    /// `{"day": "2026-11-01", "requests": {"v1": 3, "v2": 0}}`, versions in chain order.
    fileprivate func json(versions: [VersionName]) -> JSONValue {
        .object(
            JSONObject([
                ("day", .string(self.day.description)),
                (
                    "requests",
                    .object(JSONObject(versions.map { ($0.description, .integer(self.requests[$0] ?? 0)) }))
                ),
            ])
        )
    }
}

extension JSONValue {
    fileprivate static func integer(_ value: some BinaryInteger) -> JSONValue { .number(String(value)) }

    /// `{"1xx": 0, "2xx": 140, "3xx": 0, "4xx": 10, "5xx": 0, "unknown": 0}`: every member, zeros included.
    fileprivate static func statusClasses(_ counts: StatusClassCounts) -> JSONValue {
        .object(JSONObject(counts.named.map { ($0.name, .integer($0.requests)) }))
    }

    fileprivate static func date(_ date: CalendarDate?) -> JSONValue { date.map { .string($0.description) } ?? .null }

    /// A share of 0...1 with four decimals (`0.6667`): fixed digits, so the bytes never depend on how a platform
    /// prints a double.
    fileprivate static func share(_ share: Double) -> JSONValue {
        let tenThousandths = Int((share * 10_000).rounded())
        let fraction = String(tenThousandths % 10_000)
        return .number("\(tenThousandths / 10_000).\(String(repeating: "0", count: 4 - fraction.count))\(fraction)")
    }
}
