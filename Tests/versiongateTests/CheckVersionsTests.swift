import Foundation
import Testing

/// `versiongate check versions`, as a CI job runs it.
@Suite struct CheckVersionsTests {
    @Test func theBuiltInVersionsPass() throws {
        let (status, output) = try runVersiongate(["check", "versions"])
        #expect(status == 0)
        #expect(output.contains("2 manifests follow the policy"))
    }

    @Test func theRepositorysVersionsAndGuidesPass() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let (status, output) = try runVersiongate([
            "check", "versions", "--versions", root.appendingPathComponent("versions").path,
        ])
        #expect(status == 0, "\(output)")
    }

    @Test func findingsArePrintedOnePerLineWithExitStatusOne() throws {
        let versions = try TemporaryVersions(
            manifests: [
                "v1.yaml":
                    "version: v1\nstatus: deprecated\nreleased: 2025-01-01\ndeprecated: 2026-01-01\nsunset: 2026-06-01\nsuccessor: v2\n",
                "v2.yaml": "version: v2\nstatus: current\nreleased: 2026-01-01\nprevious: v1\n",
            ],
            guides: []
        )
        defer { versions.remove() }
        let (status, output) = try runVersiongate(["check", "versions", "--versions", versions.versions])
        #expect(status == 1)
        let lines = output.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(
            lines.contains {
                $0.hasSuffix(
                    "v1.yaml: 'sunset' (2026-06-01) is less than 12 months after v2 was released (2026-01-01); move it to 2027-01-01 or later"
                )
            }
        )
        #expect(lines.contains { $0.contains("v2.yaml: no migration guide migration-guides/v1-to-v2.md") })
    }

    @Test func anUnreadableDirectoryIsExitStatusTwo() throws {
        let (status, output) = try runVersiongate(["check", "versions", "--versions", "/nonexistent/versions"])
        #expect(status == 2)
        #expect(output.contains("/nonexistent/versions: cannot read the directory"))
    }
}
