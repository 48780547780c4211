import Foundation
import Testing
import Versioning

@Suite struct VersionCatalogTests {
    private func manifest(
        _ name: String,
        _ status: VersionStatus,
        previous: String? = nil,
        successor: String? = nil
    ) -> VersionManifest {
        VersionManifest(
            name: VersionName(name)!,
            status: status,
            released: status == .draft ? nil : CalendarDate("2025-01-01"),
            previous: previous.flatMap(VersionName.init),
            successor: successor.flatMap(VersionName.init)
        )
    }

    @Test func theCurrentVersionIsTheDefault() throws {
        let catalog = try VersionCatalog([
            self.manifest("v2", .draft, previous: "v1"), self.manifest("v1", .current, successor: "v2"),
        ])
        #expect(catalog.defaultVersion == VersionName("v1"))
        #expect(catalog.names == [VersionName("v1"), VersionName("v2")])
    }

    @Test(
        arguments: [
            ([("v1", VersionStatus.draft, nil, nil)], "exactly one version must have status 'current' (found: none)"),
            ([("v1", .current, nil, nil), ("v2", .current, "v1", nil)], "found: v1, v2"),
            ([("v1", .current, nil, nil), ("v1", .draft, nil, nil)], "declared twice"),
            ([("v1", .current, nil, "v2")], "names successor v2, which is not declared"),
            ([("v2", .current, "v1", nil)], "names previous version v1, which is not declared"),
            ([("v1", .current, nil, "v2"), ("v2", .draft, nil, nil)], "does not name v1 as previous"),
            ([("v1", .current, "v2", nil), ("v2", .draft, "v1", nil)], "loops back"),
            ([("v2", .current, nil, "v1"), ("v1", .draft, "v2", nil)], "names v2 as previous, but v2 comes after v1"),
            (
                [("v1", .current, nil, nil), ("v2", .draft, nil, nil)],
                "names no previous version, but v1 already begins"
            ),
            (
                [("v1", .current, nil, nil), ("v2", .draft, "v1", nil), ("v3", .draft, "v1", nil)],
                "versions/v3.yaml: names v1 as previous, as versions/v2.yaml does",
            ),
            (
                [("v1", .current, nil, "2025-01-01"), ("2025-01-01", .draft, "v1", nil)],
                "versions/2025-01-01.yaml: names its version 2025-01-01 by release date",
            ),
        ] as [([(String, VersionStatus, String?, String?)], String)]
    )
    func inconsistentCatalogsAreRejected(versions: [(String, VersionStatus, String?, String?)], reason: String) {
        let manifests = versions.map { self.manifest($0.0, $0.1, previous: $0.2, successor: $0.3) }
        do {
            _ = try VersionCatalog(manifests)
            Issue.record("accepted an inconsistent catalog")
        } catch {
            #expect(error.description.contains(reason), "\(error)")
        }
    }

    @Test func aDateNamedCatalogIsOrderedByItsChain() throws {
        let catalog = try VersionCatalog([
            self.manifest("2024-11-05", .draft, previous: "2024-06-20"),
            self.manifest("2024-01-01", .current, successor: "2024-06-20"),
            self.manifest("2024-06-20", .draft, previous: "2024-01-01", successor: "2024-11-05"),
        ])
        #expect(catalog.names.map(\.description) == ["2024-01-01", "2024-06-20", "2024-11-05"])
        #expect(catalog.defaultVersion == VersionName("2024-01-01"))
        #expect(catalog[VersionName("2024-06-20")!]?.previous == VersionName("2024-01-01"))
    }

    @Test func aCatalogMixingNumbersAndDatesIsRefusedNamingBothFiles() {
        let manifests = [
            self.manifest("v1", .current, successor: "2024-06-20"),
            self.manifest("2024-06-20", .draft, previous: "v1"),
        ]
        #expect(
            VersionPolicy.structuralFindings(for: manifests).map(\.description) == [
                "versions/2024-06-20.yaml: names its version 2024-06-20 by release date (2024-06-20, …), but "
                    + "versions/v1.yaml names v1 by number (v1, v2, …); a catalog names every version one way, so "
                    + "rename one of the two"
            ]
        )
        #expect(throws: VersionCatalog.Error.self) { try VersionCatalog(manifests) }
    }

    @Test func aChainContradictingTheDatesIsRefused() {
        let manifests = [
            self.manifest("2024-06-20", .current, successor: "2024-01-01"),
            self.manifest("2024-01-01", .draft, previous: "2024-06-20"),
        ]
        #expect(
            VersionPolicy.structuralFindings(for: manifests).map(\.description) == [
                "versions/2024-01-01.yaml: names 2024-06-20 as previous, but 2024-06-20 comes after 2024-01-01; "
                    + "versions follow each other in the order of their names, so fix the links or the names"
            ]
        )
        #expect(throws: VersionCatalog.Error.self) { try VersionCatalog(manifests) }
    }

    @Test func bundledManifestsMatchTheVersionsDirectory() throws {
        try RepositoryFiles.expectDirectory("versions", suffixes: [".yaml", ".yml"], toMatch: BundledManifests.files)
        #expect(try VersionCatalog.bundled().defaultVersion == VersionName("v1"))
    }
}
