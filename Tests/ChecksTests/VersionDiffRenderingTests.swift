import Checks
import Foundation
import Testing
import Versioning

/// The diff as text, Markdown and `versiongate.diff/1` JSON.
@Suite struct VersionDiffRenderingTests {
    private let catalog = try! DiffFixtures.threeVersions()

    @Test func textListsEachEndpointsChangesThenEachChangesGuide() throws {
        let text = try VersionDiff(catalog: self.catalog, from: "v2", to: "v3").rendered(as: .text)
        #expect(
            text == """
                v2 → v3: 5 changes, 3 breaking
                What a client moving from v2 to v3 meets, by endpoint as v2 names it.

                every endpoint, PATCH, POST
                  breaking      idempotency-key (v3, rename-header)
                                Retries carry Idempotency-Key instead of X-Idempotency-Key.

                /suppliers and below
                  breaking      suppliers-are-partners (v3, rename-path)
                                The /suppliers endpoints are now /partners.

                /suppliers/{id}
                  breaking      partner-name (v3, rename-field)
                                A partner's name is in display_name instead of name.
                  not breaking  partner-rating (v3, add-field)
                                Partners carry a rating.
                                The other way (v3 → v2): breaking: the field rating is gone.

                /work-orders
                  not breaking  priority-levels (v3, map-values)
                                A work order's priority may be urgent.
                                The other way (v3 → v2): breaking; in priority, "urgent" and "high" both become "high".

                Guides
                  v3/suppliers-are-partners  migration-guides/v2-to-v3.md#the-suppliers-endpoints-are-now-partners
                  v3/partner-name            migration-guides/v2-to-v3.md#a-partners-name-is-in-display_name-instead-of-name
                  v3/partner-rating          migration-guides/v2-to-v3.md#partners-carry-a-rating
                  v3/priority-levels         migration-guides/v2-to-v3.md#a-work-orders-priority-may-be-urgent
                  v3/idempotency-key         migration-guides/v2-to-v3.md#retries-carry-idempotency-key-instead-of-x-idempotency-key

                """
        )
    }

    @Test func textMovingBackSaysWhatBreaksThatWay() throws {
        let text = try VersionDiff(catalog: self.catalog, from: "v3", to: "v2").rendered(as: .text)
        #expect(
            text.hasPrefix(
                "v3 → v2: 5 changes, 5 breaking\nWhat a client moving back from v3 to v2 meets, by endpoint as v3 "
                    + "names it: each change undone, so read its summary backwards.\n"
            )
        )
        #expect(text.contains("\n/partners and below\n"))
        #expect(
            text.contains(
                """
                  breaking      partner-rating (v3, add-field)
                                Partners carry a rating.
                                The field rating is gone.
                                The other way (v2 → v3): not breaking.

                """
            )
        )
        #expect(text.contains("                In priority, \"urgent\" and \"high\" both become \"high\".\n"))
    }

    @Test func textOfVersionsWithoutChangesIsOneLine() throws {
        let (v1, v2) = (VersionName("v1")!, VersionName("v2")!)
        let catalog = try VersionCatalog([
            VersionManifest(name: v1, status: .current, successor: v2),
            VersionManifest(name: v2, status: .draft, previous: v1),
        ])
        let diff = try VersionDiff(catalog: catalog, from: v1, to: v2)
        #expect(diff.rendered(as: .text) == "v1 → v2: no changes\n")
        #expect(diff.rendered(as: .markdown).contains("v1 and v2 declare no changes between them"))
    }

    @Test func markdownIsOneTableWithEachEndpointNamedOnceAndEachChangeLinkedToItsGuide() throws {
        let markdown = try VersionDiff(catalog: self.catalog, from: "v1", to: "v3").rendered(as: .markdown)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.prefix(5) == [
                "## API changes: v1 → v3",
                "",
                "**7 changes, 5 breaking.** What a client moving from v1 to v3 meets, by endpoint as v1 names it.",
                "",
                "| Endpoint | Change | Breaking | What changed |",
            ]
        )
        #expect(
            lines.contains(
                "| `/vendors/{id}` | [`partner-name`](migration-guides/v2-to-v3.md#a-partners-name-is-in-display_name-instead-of-name) v3, rename-field | **yes** | A partner's name is in display_name instead of name. |"
            )
        )
        #expect(
            lines.contains(
                "|  | [`partner-rating`](migration-guides/v2-to-v3.md#partners-carry-a-rating) v3, add-field | no | Partners carry a rating.<br>The other way (v3 → v1): breaking: the field `rating` is gone. |"
            )
        )
        #expect(markdown.hasSuffix("|\n"))
    }

    @Test func markdownKeepsManifestTextLiteralInsideTheTable() throws {
        let (v1, v2) = (VersionName("v1")!, VersionName("v2")!)
        let change = VersionChange(
            id: "pipes",
            summary: "Filters take a|b <instead> of a,b.",
            breaking: true,
            scope: ChangeScope(endpoints: [PathTemplate("/a|b")!]),
            verb: .renameQueryParameter(older: "filter", newer: "q")
        )
        let catalog = try VersionCatalog([
            VersionManifest(name: v1, status: .current, successor: v2),
            VersionManifest(name: v2, status: .draft, previous: v1, changes: [change]),
        ])
        let markdown = try VersionDiff(catalog: catalog, from: v1, to: v2).rendered(as: .markdown)
        #expect(markdown.contains("| `/a\\|b` | "))
        #expect(markdown.contains("Filters take a\\|b &lt;instead&gt; of a,b. |"))
    }

    @Test func jsonCarriesItsSchemaFirstAndMembersInTheDocumentedOrder() throws {
        let json = try VersionDiff(catalog: self.catalog, from: "v1", to: "v3").rendered(as: .json)
        #expect(json.hasPrefix("{\n  \"schema\": \"versiongate.diff/1\",\n  \"from\": \"v1\",\n  \"to\": \"v3\",\n"))
        let keys = try #require(json.split(separator: "\n").first { $0.hasPrefix("      \"version\"") })
        #expect(keys == "      \"version\": \"v2\",")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(document["direction"] as? String == "forward")
        #expect(document["versions"] as? [String] == ["v2", "v3"])
        #expect(document["change_count"] as? Int == 7)
        #expect(document["breaking_count"] as? Int == 5)
        let memberOrder = [
            "version", "id", "verb", "summary", "declared_breaking", "breaking", "merges", "reverse", "endpoints",
            "guide",
        ]
        let firstChange = json.components(separatedBy: "\"changes\": [\n")[1].components(separatedBy: "\n    }")[0]
        let found = memberOrder.compactMap { firstChange.range(of: "\"\($0)\":")?.lowerBound }
        #expect(found.count == memberOrder.count)
        #expect(found == found.sorted())
    }

    @Test func jsonNamesEndpointsMethodsAndMergesAsValues() throws {
        let json = try VersionDiff(catalog: self.catalog, from: "v3", to: "v1").rendered(as: .json)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let changes = try #require(document["changes"] as? [[String: Any]])
        let priority = try #require(changes.first { $0["id"] as? String == "priority-levels" })
        #expect(priority["declared_breaking"] as? Bool == false)
        #expect(priority["breaking"] as? Bool == true)
        let merges = try #require(priority["merges"] as? [[String: Any]])
        #expect(merges.count == 1)
        #expect(merges.first?["field"] as? String == "priority")
        #expect(merges.first?["from"] as? [String] == ["urgent", "high"])
        #expect(merges.first?["into"] as? String == "high")
        #expect((priority["reverse"] as? [String: Any])?["breaking"] as? Bool == false)

        let endpoints = try #require(document["endpoints"] as? [[String: Any]])
        let everywhere = try #require(endpoints.first)
        #expect(everywhere["path"] is NSNull)
        #expect(everywhere["methods"] as? [String] == ["PATCH", "POST"])
        #expect(everywhere["except_methods"] as? [String] == [])
        let partners = try #require(endpoints.first { $0["path"] as? String == "/partners" })
        #expect(partners["subpaths"] as? Bool == true)
        #expect(
            (partners["changes"] as? [[String: String]])?.map { $0["id"] } == [
                "suppliers-are-partners", "vendors-are-suppliers",
            ]
        )
    }

    @Test func jsonIsTheSameBytesEveryTime() throws {
        let first = try VersionDiff(catalog: self.catalog, from: "v1", to: "v3").rendered(as: .json)
        let second = try VersionDiff(catalog: try DiffFixtures.threeVersions(), from: "v1", to: "v3")
            .rendered(as: .json)
        #expect(first == second)
        #expect(first.hasSuffix("}\n"))
    }

    /// The example of `docs/diff-schema.md` is the repository's diff, trimmed: every member it shows is what the
    /// renderer writes.
    @Test func theSchemaDocumentsExampleIsTheRepositorysDiffTrimmed() throws {
        let page = try DiffFixtures.text("docs/diff-schema.md")
        let example = try #require(page.components(separatedBy: "```json\n").last?.components(separatedBy: "```").first)
        let json = try VersionDiff(catalog: try DiffFixtures.repository(), from: "v1", to: "v2").rendered(as: .json)
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(example.utf8)) as? [String: Any])
        let actual = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in ["schema", "from", "to", "direction", "versions", "change_count", "breaking_count"] {
            #expect(try Self.canonical(shown[key] as Any) == Self.canonical(actual[key] as Any), "\(key)")
        }
        for list in ["changes", "endpoints"] {
            let written = try (actual[list] as? [Any] ?? []).map(Self.canonical)
            for item in shown[list] as? [Any] ?? [] {
                let text = try Self.canonical(item)
                #expect(written.contains(text), "\(list): \(text)")
            }
        }
    }

    /// `value` as JSON with sorted keys: equal values give equal text.
    private static func canonical(_ value: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }
}
