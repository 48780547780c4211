import Testing
import Versioning

/// File names: a manifest's name without its `.yaml` or `.yml` is the version it must declare.
@Suite struct VersionCheckTests {
    private static let current = "status: current\nreleased: 2025-01-01\n"

    /// `v1.old.yaml`, a copy of `v1.yaml` kept aside, is not a second v1.
    @Test(arguments: [
        ("v0", "v0"), ("V1", "V1"), ("2023-02-29", "2023-02-29"), ("v1000000000", "v1000000000"), ("v1.old", "v1"),
    ])
    func aFileNotNamedAfterAVersionSaysWhatNamesLookLike(stem: String, declared: String) {
        let check = VersionCheck(
            manifestFiles: [
                ("versions/v1.yaml", "version: v1\n" + Self.current),
                ("versions/\(stem).yaml", "version: \(declared)\n" + Self.current),
            ],
            guideNames: nil
        )
        #expect(
            check.findings.map(\.description) == [
                "versions/\(stem).yaml: '\(stem)' is not a version name: versions are named v1, v2, … or by a release "
                    + "date like 2024-06-20, and their manifest files after them (v2.yaml, 2024-06-20.yaml)"
            ]
        )
    }

    @Test func aYmlSuffixNamesTheVersionAsYamlDoes() {
        let check = VersionCheck(manifestFiles: [("versions/v1.yml", "version: v1\n" + Self.current)], guideNames: nil)
        #expect(check.findings.isEmpty, "\(check.findings)")
    }
}
