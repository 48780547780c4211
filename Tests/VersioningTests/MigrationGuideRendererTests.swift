import Testing
import Versioning

@Suite struct MigrationGuideRendererTests {
    @Test func theCommittedGuideIsWhatTheManifestsRender() throws {
        let committed = try RepositoryFiles.text("migration-guides/v1-to-v2.md")
        let rendered = try MigrationGuideRenderer.render(
            from: VersionName("v1")!,
            to: VersionName("v2")!,
            catalog: try VersionCatalog.bundled()
        )
        #expect(
            rendered == committed,
            "run: swift run versiongate guide v1 v2 --versions versions > migration-guides/v1-to-v2.md"
        )
    }

    @Test func bundledGuidesMatchTheMigrationGuidesDirectory() throws {
        try RepositoryFiles.expectDirectory("migration-guides", suffixes: [".md"], toMatch: BundledManifests.guides)
    }

    @Test func eachChangeHasItsSummaryExampleAndInstruction() throws {
        let guide = try MigrationGuideRenderer.render(
            from: VersionName("v1")!,
            to: VersionName("v2")!,
            catalog: try VersionCatalog.bundled()
        )
        #expect(guide.hasPrefix("# Migrating from v1 to v2\n"))
        #expect(guide.contains("(13 in all, 13 breaking)"))
        #expect(guide.contains("## Creation times are RFC 3339 strings in UTC instead of unix seconds.\n"))
        #expect(guide.contains("{\"created_at\": 1768469400}"))
        #expect(guide.contains("{\"created_at\": \"2026-01-15T09:30:00Z\"}"))
        #expect(guide.contains("What to do: read list items from `data` and the total from `meta.total`."))
        #expect(guide.contains("{\"total\": {\"amount\": …, \"currency\": …}}"))
    }

    @Test func aGuideFromAVersionToItselfIsRefusedAsNoGuide() {
        let error = #expect(throws: MigrationGuideRenderer.Failure.self) {
            try MigrationGuideRenderer.render(
                from: VersionName("v1")!,
                to: VersionName("v1")!,
                catalog: try VersionCatalog.bundled()
            )
        }
        #expect(error?.description == "a guide goes between two different versions, not from v1 to itself")
        #expect(error?.intended == nil)
    }

    @Test func guidesCoverAdjacentVersionsOnly() {
        #expect(throws: MigrationGuideRenderer.Failure.self) {
            try MigrationGuideRenderer.render(
                from: VersionName("v2")!,
                to: VersionName("v1")!,
                catalog: try VersionCatalog.bundled()
            )
        }
    }
}
