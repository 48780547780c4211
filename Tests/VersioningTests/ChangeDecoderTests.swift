import TestSupport
import Testing
import Versioning

@Suite struct ChangeDecoderTests {
    private func manifest(changes: String) throws(ManifestError) -> VersionManifest {
        try ManifestDecoder.decode(
            "version: v2\nstatus: draft\nprevious: v1\nchanges:\n" + changes,
            file: "versions/v2.yaml"
        )
    }

    private func error(changes: String) -> String? {
        do {
            _ = try self.manifest(changes: changes)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func everyVerbIsDecoded() throws {
        let manifest = try self.manifest(
            changes: """
                  - {id: a, summary: S, breaking: true, rename-path: {from: /vendors, to: /suppliers}}
                  - {id: b, summary: S, breaking: true, endpoints: [/purchase-orders], methods: [get], rename-query-parameter: {from: vendor_id, to: supplier_id}}
                  - {id: c, summary: S, breaking: true, rename-field: {from: created, to: created_at}}
                  - {id: d, summary: S, breaking: true, wrap-fields: {into: total, members: {amount: total, currency: currency}}}
                  - {id: e, summary: S, breaking: true, map-values: {field: status, forward: {closed: completed}, backward: {completed: closed, cancelled: closed}}}
                  - {id: f, summary: S, breaking: true, convert-format: {field: created_at, from: unix-seconds, to: rfc3339}}
                  - {id: g, summary: S, breaking: true, reshape-list: {from: {items: results, total: count}, to: {items: data, total: meta.total}}}
                  - {id: h, summary: S, breaking: false, add-field: {field: notes, default: ""}}
                  - {id: i, summary: S, breaking: true, remove-field: {field: legacy, default: 0}}
                  - {id: j, summary: S, breaking: true, map-values: {field: mode, forward: {true: full, false: incremental}, backward: {full: true, incremental: false}}}
                """
        )
        let verbs = manifest.changes.map(\.verb)
        #expect(verbs[0] == .renamePath(older: PathTemplate("/vendors")!, newer: PathTemplate("/suppliers")!))
        #expect(
            manifest.changes[1].scope == ChangeScope(endpoints: [PathTemplate("/purchase-orders")!], methods: ["GET"])
        )
        #expect(verbs[2] == .renameField(older: FieldPath("created")!, newer: FieldPath("created_at")!))
        #expect(
            verbs[3]
                == .wrapFields(
                    into: FieldPath("total")!,
                    members: [
                        WrappedMember(olderField: "total", member: "amount"),
                        WrappedMember(olderField: "currency", member: "currency"),
                    ]
                )
        )
        #expect(
            verbs[4]
                == .mapValues(
                    field: FieldPath("status")!,
                    forward: [ValueMapping(from: .string("closed"), to: .string("completed"))],
                    backward: [
                        ValueMapping(from: .string("completed"), to: .string("closed")),
                        ValueMapping(from: .string("cancelled"), to: .string("closed")),
                    ]
                )
        )
        #expect(verbs[5] == .convertFormat(field: FieldPath("created_at")!, older: .unixSeconds, newer: .rfc3339))
        #expect(
            verbs[6]
                == .reshapeList(
                    older: ListEnvelope(items: FieldPath("results")!, total: FieldPath("count")!),
                    newer: ListEnvelope(items: FieldPath("data")!, total: FieldPath("meta.total")!)
                )
        )
        #expect(verbs[7] == .addField(field: FieldPath("notes")!, defaultValue: .string("")))
        #expect(!manifest.changes[7].breaking)
        #expect(verbs[8] == .removeField(field: FieldPath("legacy")!, defaultValue: .number("0")))
        #expect(
            verbs[9]
                == .mapValues(
                    field: FieldPath("mode")!,
                    forward: [
                        ValueMapping(from: .bool(true), to: .string("full")),
                        ValueMapping(from: .bool(false), to: .string("incremental")),
                    ],
                    backward: [
                        ValueMapping(from: .string("full"), to: .bool(true)),
                        ValueMapping(from: .string("incremental"), to: .bool(false)),
                    ]
                )
        )
    }

    @Test(arguments: [
        (
            "  - {id: a, summary: S, breaking: true, rename-pth: {from: /a, to: /b}}\n",
            "unknown key 'rename-pth' in 'changes'"
        ),
        ("  - {id: a, summary: S, breaking: true}\n", "change 'a': names no verb; use one of: rename-path"),
        (
            "  - {id: a, summary: S, breaking: true, rename-path: {from: /a, to: /b}, rename-field: {from: x, to: y}}\n",
            "change 'a': names several verbs"
        ),
        ("  - {summary: S, breaking: true, rename-path: {from: /a, to: /b}}\n", "missing 'id'"),
        ("  - {id: a, summary: S, rename-path: {from: /a, to: /b}}\n", "missing 'breaking'"),
        (
            "  - {id: a, summary: S, breaking: true, rename-path: {from: vendors, to: /b}}\n",
            "change 'a': 'from' must be a path like /suppliers/{id}"
        ),
        (
            "  - {id: a, summary: S, breaking: true, rename-field: {from: a..b, to: c}}\n",
            "change 'a': 'from' must be a field like total.amount"
        ),
        (
            "  - {id: a, summary: S, breaking: true, convert-format: {field: t, from: epoch, to: rfc3339}}\n",
            "'from' must be one of unix-seconds, rfc3339"
        ),
        (
            "  - {id: a, summary: S, breaking: true, map-values: {field: s, forward: {a: b}}}\n",
            "'backward' must map each value"
        ),
        (
            "  - {id: a, summary: S, breaking: true, rename-path: {from: /a, to: /b, via: /c}}\n",
            "change 'a': unknown key 'via' in 'rename-path'"
        ),
        (
            "  - {id: a, summary: S, breaking: true, endpoints: [orders], rename-field: {from: a, to: b}}\n",
            "endpoint 'orders' is not a path"
        ),
        (
            "  - {id: a, summary: S, breaking: true, rename-field: {from: a, to: b}}\n  - {id: a, summary: S, breaking: true, rename-field: {from: c, to: d}}\n",
            "change 'a' is declared twice"
        ),
        (
            "  - {id: a, summary: S, breaking: true, rename-path: {from: /a, to: /b},\n     endpoints: [/a]}\n",
            "versions/v2.yaml:6: change 'a': 'endpoints' does not apply to rename-path: it renames every path under '/a'"
        ),
    ])
    func malformedChangesNameTheFileTheChangeAndTheReason(changes: RawText, reason: String) throws {
        let error = try #require(self.error(changes: changes.text), "\(changes.escaped)")
        #expect(error.hasPrefix("versions/v2.yaml:"))
        #expect(error.contains(reason), "\(error)")
    }

    @Test func aFirstVersionHasNothingToChange() throws {
        let manifest = try ManifestDecoder.decode(
            "version: v1\nstatus: current\nreleased: 2025-01-01\nchanges:\n  - {id: a, summary: S, breaking: false, add-field: {field: x, default: 1}}\n",
            file: "versions/v1.yaml"
        )
        #expect(
            VersionPolicy.findings(for: [manifest], guides: nil).map(\.message) == [
                "change 'a' has nothing to change: v1 names no previous version"
            ]
        )
    }

    @Test(arguments: ["/purchase-orders/{id}", "/connections/{id}/syncs", "/"])
    func pathTemplatesRoundTrip(text: String) {
        #expect(PathTemplate(text)?.description == text)
    }

    @Test(arguments: ["orders", "/a//b", "/a/{}", "/a/{b", "/a?x=1"])
    func malformedPathTemplatesAreRefused(text: String) {
        #expect(PathTemplate(text) == nil)
    }
}
