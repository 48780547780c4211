import Foundation
import Versioning

/// What the diff tests read: the repository's own manifests and guides, and a three-version catalog built here.
enum DiffFixtures {
    /// The repository, found from this file's place in it (`Tests/ChecksTests/`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The text of the file at `path`, relative to the repository.
    static func text(_ path: String) throws -> String {
        try String(contentsOf: self.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The catalog of `versions/*.yaml`, checked as the gateway checks it (guides left out: they are not read here).
    static func repository() throws -> VersionCatalog {
        let names = try FileManager.default.contentsOfDirectory(
            atPath: self.root.appendingPathComponent("versions").path
        )
        let files = try names.filter { $0.hasSuffix(".yaml") }.sorted().map { name in
            ("versions/" + name, try self.text("versions/" + name))
        }
        return try VersionCheck(manifestFiles: files, guideNames: nil).catalog()
    }

    /// v1 (current); v2 renames /vendors to /suppliers and splits a work order's closed status in two; v3 renames
    /// /suppliers to /partners, renames a partner's name, adds a rating, adds an urgent priority (a new value, so
    /// not breaking forward) and renames a header for POST and PATCH.
    static func threeVersions() throws -> VersionCatalog {
        let (v1, v2, v3) = (VersionName("v1")!, VersionName("v2")!, VersionName("v3")!)
        return try VersionCatalog([
            VersionManifest(name: v1, status: .current, successor: v2),
            VersionManifest(
                name: v2,
                status: .draft,
                previous: v1,
                successor: v3,
                changes: [
                    VersionChange(
                        id: "vendors-are-suppliers",
                        summary: "The /vendors endpoints are now /suppliers.",
                        breaking: true,
                        verb: .renamePath(older: PathTemplate("/vendors")!, newer: PathTemplate("/suppliers")!)
                    ),
                    VersionChange(
                        id: "work-orders-complete-or-cancel",
                        summary: "A finished work order is completed or cancelled instead of closed.",
                        breaking: true,
                        scope: ChangeScope(endpoints: [PathTemplate("/work-orders")!]),
                        verb: .mapValues(
                            field: FieldPath("status")!,
                            forward: [ValueMapping(from: .string("closed"), to: .string("completed"))],
                            backward: [
                                ValueMapping(from: .string("completed"), to: .string("closed")),
                                ValueMapping(from: .string("cancelled"), to: .string("closed")),
                            ]
                        )
                    ),
                ]
            ),
            VersionManifest(
                name: v3,
                status: .draft,
                previous: v2,
                changes: [
                    VersionChange(
                        id: "suppliers-are-partners",
                        summary: "The /suppliers endpoints are now /partners.",
                        breaking: true,
                        verb: .renamePath(older: PathTemplate("/suppliers")!, newer: PathTemplate("/partners")!)
                    ),
                    VersionChange(
                        id: "partner-name",
                        summary: "A partner's name is in display_name instead of name.",
                        breaking: true,
                        scope: ChangeScope(endpoints: [PathTemplate("/partners/{id}")!]),
                        verb: .renameField(older: FieldPath("name")!, newer: FieldPath("display_name")!)
                    ),
                    VersionChange(
                        id: "partner-rating",
                        summary: "Partners carry a rating.",
                        breaking: false,
                        scope: ChangeScope(endpoints: [PathTemplate("/partners/{id}")!]),
                        verb: .addField(field: FieldPath("rating")!, defaultValue: .null)
                    ),
                    VersionChange(
                        id: "priority-levels",
                        summary: "A work order's priority may be urgent.",
                        breaking: false,
                        scope: ChangeScope(endpoints: [PathTemplate("/work-orders")!]),
                        verb: .mapValues(
                            field: FieldPath("priority")!,
                            forward: [],
                            backward: [ValueMapping(from: .string("urgent"), to: .string("high"))]
                        )
                    ),
                    VersionChange(
                        id: "idempotency-key",
                        summary: "Retries carry Idempotency-Key instead of X-Idempotency-Key.",
                        breaking: true,
                        scope: ChangeScope(methods: ["POST", "PATCH"]),
                        verb: .renameHeader(older: "X-Idempotency-Key", newer: "Idempotency-Key")
                    ),
                ]
            ),
        ])
    }

    /// The changes of ``threeVersions()`` in declared order, as `version/id`.
    static let threeVersionsOrder = [
        "v2/vendors-are-suppliers", "v2/work-orders-complete-or-cancel", "v3/suppliers-are-partners",
        "v3/partner-name", "v3/partner-rating", "v3/priority-levels", "v3/idempotency-key",
    ]

    /// The anchors GitHub gives the headings of a Markdown document, computed independently of `GuideSection`:
    /// what Ruby's `[^\p{Word}\- ]` matches dropped, lower case, each space a hyphen, `-1`, `-2`, … on repeats.
    /// Headings inside fenced code blocks are not headings.
    static func anchors(in markdown: String) -> Set<String> {
        var anchors: Set<String> = []
        var fenced = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { fenced.toggle() }
            guard !fenced, let heading = line.firstMatch(of: /^#{1,6} (.*)$/)?.1 else { continue }
            let slug = String(heading).lowercased().replacing(/[^\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc}\- ]/, with: "")
                .replacing(" ", with: "-")
            var candidate = slug
            var repeats = 0
            while anchors.contains(candidate) {
                repeats += 1
                candidate = "\(slug)-\(repeats)"
            }
            anchors.insert(candidate)
        }
        return anchors
    }
}
