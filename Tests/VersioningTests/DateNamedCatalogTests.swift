import Foundation
import Testing
import Versioning

/// The repository's v1 and v2, renamed to release dates, plus a third dated version, read from a versions
/// directory the way the gateway reads it: checked, made a catalog, resolved, translated and given guides.
@Suite struct DateNamedCatalogTests {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A temporary `versions/` and `migration-guides/` holding 2025-03-01 (v1), 2026-06-01 (v2) and 2026-11-05.
    private struct Directory {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dated-\(UUID().uuidString)")
        var versions: URL { self.root.appendingPathComponent("versions") }
        var guides: URL { self.root.appendingPathComponent("migration-guides") }

        init() throws {
            try FileManager.default.createDirectory(at: self.versions, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: self.guides, withIntermediateDirectories: true)
            for (name, original) in [("v1", "2025-03-01"), ("v2", "2026-06-01")] {
                let text = try String(
                    contentsOf: DateNamedCatalogTests.repository.appendingPathComponent("versions/\(name).yaml"),
                    encoding: .utf8
                )
                try Self.datedNames(text).write(
                    to: self.versions.appendingPathComponent("\(original).yaml"),
                    atomically: true,
                    encoding: .utf8
                )
            }
            let third = """
                version: 2026-11-05
                status: draft
                previous: 2026-06-01
                preview: open
                changes:
                  - id: notes-are-remarks
                    summary: Work orders carry their notes in remarks.
                    breaking: true
                    endpoints: [/work-orders]
                    rename-field: {from: notes, to: remarks}

                """
            try third.write(
                to: self.versions.appendingPathComponent("2026-11-05.yaml"),
                atomically: true,
                encoding: .utf8
            )
        }

        /// v1 becomes 2025-03-01, v2 becomes 2026-06-01 and gains 2026-11-05 as its successor.
        private static func datedNames(_ text: String) -> String {
            text.replacing(/\bv1\b/, with: "2025-03-01").replacing(/\bv2\b/, with: "2026-06-01")
                .replacing("previous: 2025-03-01\n", with: "previous: 2025-03-01\nsuccessor: 2026-11-05\n")
        }

        func check() throws -> VersionCheck {
            let manifests = try FileManager.default.contentsOfDirectory(atPath: self.versions.path).sorted().map {
                let path = "versions/" + $0
                return (
                    path: path, text: try String(contentsOf: self.root.appendingPathComponent(path), encoding: .utf8)
                )
            }
            let guides = try FileManager.default.contentsOfDirectory(atPath: self.guides.path)
            return VersionCheck(manifestFiles: manifests, guideNames: Set(guides))
        }

        func remove() {
            try? FileManager.default.removeItem(at: self.root)
        }
    }

    @Test func aDateNamedVersionsDirectoryIsCheckedResolvedTranslatedAndGuided() throws {
        let directory = try Directory()
        defer { directory.remove() }

        let unguided = try directory.check()
        #expect(
            unguided.findings.map(\.description) == [
                "versions/2026-06-01.yaml: no migration guide migration-guides/2025-03-01-to-2026-06-01.md; write one "
                    + "that tells 2025-03-01 clients what changed and what to do",
                "versions/2026-11-05.yaml: no migration guide migration-guides/2026-06-01-to-2026-11-05.md; write one "
                    + "that tells 2026-06-01 clients what changed and what to do",
            ]
        )

        let draft = try VersionCatalog(unguided.manifests)
        for (older, newer) in zip(draft.names, draft.names.dropFirst()) {
            let guide = try MigrationGuideRenderer.render(from: older, to: newer, catalog: draft)
            try guide.write(
                to: directory.guides.appendingPathComponent("\(older)-to-\(newer).md"),
                atomically: true,
                encoding: .utf8
            )
        }
        let checked = try directory.check()
        #expect(checked.findings.isEmpty, "\(checked.findings)")
        let catalog = try checked.catalog()
        #expect(catalog.names.map(\.description) == ["2025-03-01", "2026-06-01", "2026-11-05"])
        #expect(catalog.defaultVersion == VersionName("2025-03-01"))

        let resolver = VersionResolver(catalog: catalog)
        #expect(resolver.resolve(header: nil) == .success(VersionName("2025-03-01")!))
        #expect(resolver.resolve(header: " 2026-06-01 ") == .success(VersionName("2026-06-01")!))
        #expect(resolver.resolve(header: "2026-06-02") == .failure(.unknown(VersionName("2026-06-02")!)))
        #expect(resolver.resolve(header: "2026-6-1") == .failure(.malformed("2026-6-1")))
        #expect(resolver.resolve(header: "v2") == .failure(.unknown(VersionName("v2")!)))

        let plan = Translator(catalog: catalog).requestPlan(
            from: VersionName("2025-03-01")!,
            to: VersionName("2026-11-05")!
        )
        #expect(plan.steps.map(\.version.description) == ["2026-06-01", "2026-11-05"])

        let guide = try String(
            contentsOf: directory.guides.appendingPathComponent("2025-03-01-to-2026-06-01.md"),
            encoding: .utf8
        )
        let committed = try String(
            contentsOf: Self.repository.appendingPathComponent("migration-guides/v1-to-v2.md"),
            encoding: .utf8
        )
        #expect(guide.hasPrefix("# Migrating from 2025-03-01 to 2026-06-01\n"))
        #expect(guide.contains("Send `API-Version: 2026-06-01` once your client handles the changes below"))
        #expect(
            guide.replacing("2025-03-01", with: "v1").replacing("2026-06-01", with: "v2") == committed
        )
    }
}
