import Foundation
import Testing

/// `versiongate check versions`, as a CI job runs it.
@Suite struct CheckVersionsTests {
    @Test func theRepositorysVersionsAndGuidesPass() throws {
        let (status, output) = try runVersiongate(["check", "versions", "--versions", repositoryVersions])
        #expect(status == 0, "\(output)")
        #expect(output.contains("2 manifests follow the policy"))
    }

    @Test func withoutVersionsTheWorkingDirectorysVersionsAreChecked() throws {
        let (status, output) = try runVersiongate(["check", "versions"], in: repositoryRoot)
        #expect(status == 0, "\(output)")
        #expect(output.contains("2 manifests follow the policy"))
    }

    @Test func withoutVersionsAndNoVersionsDirectoryHereTheCheckSaysWhatToName() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("versiongate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let (status, output) = try runVersiongate(["check", "versions"], in: empty)
        #expect(status == 2)
        #expect(output == "versiongate: no versions directory here (./versions): name one with --versions DIR\n")
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

    @Test func aCatalogNamedByReleaseDatesPassesAndRendersItsGuide() throws {
        let versions = try TemporaryVersions(
            manifests: [
                "2025-03-01.yaml":
                    "version: 2025-03-01\nstatus: current\nreleased: 2025-03-01\nsuccessor: 2026-06-01\n",
                "2026-06-01.yaml": "version: 2026-06-01\nstatus: draft\nprevious: 2025-03-01\nchanges:\n"
                    + "  - {id: c, summary: Vendors are suppliers., breaking: true,\n"
                    + "     rename-path: {from: /vendors, to: /suppliers}}\n",
            ],
            guides: ["2025-03-01-to-2026-06-01.md"]
        )
        defer { versions.remove() }
        let (status, output) = try runVersiongate(["check", "versions", "--versions", versions.versions])
        #expect(status == 0, "\(output)")
        #expect(output.contains("2 manifests follow the policy"))

        let guide = try runVersiongate(["guide", "2025-03-01", "2026-06-01", "--versions", versions.versions])
        #expect(guide.status == 0, "\(guide.output)")
        #expect(guide.output.hasPrefix("# Migrating from 2025-03-01 to 2026-06-01\n"))
        #expect(guide.output.contains("## Vendors are suppliers.\n"))
    }

    @Test func aFindingOnTheWholeSetNamesTheDirectoryAsGiven() throws {
        let versions = try TemporaryVersions(manifests: [
            "v1.yaml": "version: v1\nstatus: current\nreleased: 2025-01-01\nsuccessor: v2\n",
            "v2.yaml": "version: v2\nstatus: current\nreleased: 2026-01-01\nprevious: v1\n",
        ])
        defer { versions.remove() }
        let (status, output) = try runVersiongate(["check", "versions", "--versions", versions.versions])
        #expect(status == 1)
        #expect(
            output.split(separator: "\n").contains(
                "\(versions.versions): exactly one version must have status 'current' (found: v1, v2)"
            ),
            "\(output)"
        )
    }

    @Test func anEmptyDirectoryIsNamedAsGiven() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("manifests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let (status, output) = try runVersiongate(["check", "versions", "--versions", empty.path])
        #expect(status == 1)
        #expect(output == "\(empty.path): no version manifests (v1.yaml, v2.yaml, …) found\n")
    }

    @Test func aBadClockIsUnreadableInputAsServeRefusesIt() throws {
        let (status, output) = try runVersiongate(
            ["check", "versions", "--versions", repositoryVersions],
            environment: ["VERSIONGATE_NOW": "tomorrow"]
        )
        #expect(status == 2)
        #expect(
            output == "versiongate: VERSIONGATE_NOW 'tomorrow' is not an RFC 3339 time like 2026-05-04T09:00:00Z\n"
        )
    }

    @Test func anUnreadableDirectoryIsExitStatusTwo() throws {
        let (status, output) = try runVersiongate(["check", "versions", "--versions", "/nonexistent/versions"])
        #expect(status == 2)
        #expect(output.contains("/nonexistent/versions: cannot read the directory"))
    }
}
