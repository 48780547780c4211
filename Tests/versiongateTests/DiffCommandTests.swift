import Foundation
import TestSupport
import Testing

/// `versiongate diff`, as a developer and a CI job run it: the diff on standard output, exit status 1 only for
/// `--fail-on breaking` with a breaking change, and one line with exit status 2 for anything that cannot be diffed.
@Suite struct DiffCommandTests {
    /// v2 adds a field: not breaking for a v1 client moving up, breaking for a v2 client moving back.
    private static let addedField = [
        "v1.yaml": "version: v1\nstatus: current\nreleased: 2025-01-01\nsuccessor: v2\n",
        "v2.yaml": """
        version: v2
        status: draft
        previous: v1
        changes:
          - id: work-order-priority
            summary: Work orders carry a priority.
            breaking: false
            endpoints: [/work-orders, "/work-orders/{id}"]
            add-field: {field: priority, default: normal}

        """,
    ]

    @Test func theRepositorysDiffIsListedWithExitStatusZero() throws {
        let (status, output) = try runVersiongate(["diff", "v1", "v2", "--versions", repositoryVersions])
        #expect(status == 0, "\(output)")
        #expect(output.hasPrefix("v1 → v2: 13 changes, 13 breaking\n"))
        #expect(output.contains("\n/vendors and below\n  breaking      vendors-are-suppliers (v2, rename-path)\n"))
        #expect(output.contains("\nPOST /connections/{id}/sync and below\n"))
        #expect(output.contains("migration-guides/v1-to-v2.md#the-vendors-endpoints-are-now-suppliers\n"))
    }

    @Test func withoutVersionsTheWorkingDirectorysVersionsAreDiffed() throws {
        let (status, output) = try runVersiongate(["diff", "v2", "v1"], in: repositoryRoot)
        #expect(status == 0, "\(output)")
        #expect(output.hasPrefix("v2 → v1: 13 changes, 13 breaking\nWhat a client moving back from v2 to v1 meets"))
        #expect(output.contains("\n/suppliers and below\n"))
    }

    @Test func failOnBreakingExitsOneAfterPrintingTheDiff() throws {
        let (status, output) = try runVersiongate(
            ["diff", "v1", "v2", "--fail-on", "breaking", "--format", "markdown", "--versions", repositoryVersions]
        )
        #expect(status == 1)
        #expect(output.hasPrefix("## API changes: v1 → v2\n"))
        #expect(output.hasSuffix("\nversiongate: 13 breaking changes from v1 to v2 (--fail-on breaking)\n"))
    }

    @Test func failOnBreakingPassesAnAddedFieldForwardButNotBack() throws {
        let versions = try TemporaryVersions(manifests: Self.addedField)
        defer { versions.remove() }
        let forward = try runVersiongate(["diff", "v1", "v2", "--fail-on", "breaking", "--versions", versions.versions])
        #expect(forward.status == 0, "\(forward.output)")
        #expect(forward.output.hasPrefix("v1 → v2: 1 change, 0 breaking\n"))
        #expect(forward.output.contains("The other way (v2 → v1): breaking: the field priority is gone.\n"))

        let back = try runVersiongate(["diff", "v2", "v1", "--fail-on", "breaking", "--versions", versions.versions])
        #expect(back.status == 1, "\(back.output)")
        #expect(back.output.hasPrefix("v2 → v1: 1 change, 1 breaking\n"))
        #expect(back.output.hasSuffix("versiongate: 1 breaking change from v2 to v1 (--fail-on breaking)\n"))
    }

    @Test(arguments: [
        (["v1", "v9"], "versiongate: no version 'v9' in the catalog: it has v1, v2\n"),
        (["latest", "v2"], "versiongate: no version 'latest' in the catalog: it has v1, v2\n"),
        (["v2", "v2"], "versiongate: v2 and v2 are the same version: name two different versions to diff\n"),
        (["v1", "v2", "--format", "html"], "versiongate: --format 'html' is not one of: text, markdown, json\n"),
        (["v1", "v2", "--fail-on", "any"], "versiongate: --fail-on 'any' is not one of: breaking\n"),
        (["v1"], "versiongate: Missing expected argument '<to>'\n"),
    ])
    func inputThatCannotBeDiffedIsOneLineWithExitStatusTwo(arguments: [String], message: String) throws {
        let (status, output) = try runVersiongate(["diff"] + arguments + ["--versions", repositoryVersions])
        #expect(status == 2)
        #expect(output == message)
    }

    @Test func anUnreadableVersionsDirectoryIsOneLineWithExitStatusTwo() throws {
        let (status, output) = try runVersiongate(["diff", "v1", "v2", "--versions", "/nonexistent/versions"])
        #expect(status == 2)
        #expect(output == "versiongate: /nonexistent/versions: cannot read the directory\n")
    }

    @Test func manifestsThatFailTheirChecksAreOneLineWithExitStatusTwo() throws {
        let versions = try TemporaryVersions(
            manifests: [
                "v1.yaml": "version: v1\nstatus: current\nreleased: 2025-01-01\nsuccessor: v2\nsunest: 2027-01-01\n",
                "v2.yaml": "version: v2\nstatus: draft\nprevious: v1\nsunest: 2028-01-01\n",
            ]
        )
        defer { versions.remove() }
        let (status, output) = try runVersiongate(["diff", "v1", "v2", "--versions", versions.versions])
        #expect(status == 2)
        #expect(output.hasPrefix("versiongate: "))
        #expect(output.hasSuffix(" (and 1 more: versiongate check versions lists them)\n"), "\(output)")
        #expect(output.split(separator: "\n").count == 1, "\(output)")
    }

    @Test func outputWritesTheJSONDiffToTheFileAndNothingToStandardOutput() throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("diff.json")
        let (status, output) = try runVersiongate(
            ["diff", "v1", "v2", "--format", "json", "--output", file.path, "--versions", repositoryVersions]
        )
        #expect(status == 0, "\(output)")
        #expect(output == "")
        let json = try String(contentsOf: file, encoding: .utf8)
        #expect(json.hasPrefix("{\n  \"schema\": \"versiongate.diff/1\",\n"))
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
    }

    @Test func anOutputThatCannotBeWrittenIsOneLineWithExitStatusTwo() throws {
        let (status, output) = try runVersiongate(
            ["diff", "v1", "v2", "--output", "/nonexistent/dir/diff.md", "--versions", repositoryVersions]
        )
        #expect(status == 2)
        #expect(output.hasPrefix("versiongate: cannot write the diff to /nonexistent/dir/diff.md: "))
        #expect(output.split(separator: "\n").count == 1)
    }
}
