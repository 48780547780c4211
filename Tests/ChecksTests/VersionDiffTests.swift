import Checks
import Foundation
import Testing
import Versioning

/// `VersionDiff` on the repository's manifests (read from `versions/`) and on a three-version catalog built here:
/// which changes lie between two versions, in what order, under which endpoints, and how they break each way.
@Suite struct VersionDiffTests {
    private let repository = try! DiffFixtures.repository()

    @Test func aForwardDiffListsEveryChangeOfTheNewerVersionInDeclaredOrder() throws {
        let diff = try VersionDiff(catalog: self.repository, from: "v1", to: "v2")
        #expect(diff.direction == .forward)
        #expect(diff.versions == [VersionName("v2")!])
        #expect(diff.entries.map(\.change.id) == self.repository[VersionName("v2")!]!.changes.map(\.id))
        #expect(diff.breakingCount == 13)
    }

    @Test func aBackwardDiffListsTheSameChangesForAClientMovingBack() throws {
        let diff = try VersionDiff(catalog: self.repository, from: "v2", to: "v1")
        #expect(diff.direction == .backward)
        #expect(diff.entries.map(\.change.id) == self.repository[VersionName("v2")!]!.changes.map(\.id))
        #expect(diff.breakingCount == 13)
    }

    @Test func aForwardDiffNamesEndpointsAsTheOlderVersionCallsThem() throws {
        let diff = try VersionDiff(catalog: self.repository, from: "v1", to: "v2")
        #expect(self.endpoints(of: "vendors-are-suppliers", in: diff) == [.init(path: "/vendors", subpaths: true)])
        #expect(
            self.endpoints(of: "syncs-are-a-collection", in: diff)
                == [.init(path: "/connections/{id}/sync", subpaths: true, methods: .only(["POST"]))]
        )
        #expect(
            self.endpoints(of: "sync-mode", in: diff) == [
                .init(path: "/connections/{id}/sync", methods: .only(["POST"])),
                .init(path: "/connections/{id}/syncs", methods: .allExcept(["POST"])),
            ]
        )
        #expect(
            self.endpoints(of: "purchase-order-supplier-id", in: diff) == [
                .init(path: "/purchase-orders"), .init(path: "/purchase-orders/{id}"),
            ]
        )
    }

    @Test func aBackwardDiffNamesEndpointsAsTheNewerVersionCallsThem() throws {
        let diff = try VersionDiff(catalog: self.repository, from: "v2", to: "v1")
        #expect(self.endpoints(of: "vendors-are-suppliers", in: diff) == [.init(path: "/suppliers", subpaths: true)])
        #expect(self.endpoints(of: "sync-mode", in: diff) == [.init(path: "/connections/{id}/syncs")])
    }

    @Test func changesWithoutEndpointsComeFirstUnderEveryEndpoint() throws {
        let diff = try VersionDiff(catalog: self.repository, from: "v1", to: "v2")
        let first = try #require(diff.endpoints.first)
        #expect(first.endpoint == DiffEndpoint(path: nil))
        #expect(
            first.entries.map(\.change.id) == [
                "created-is-created-at", "created-at-is-rfc3339", "list-envelope", "page-size-is-limit",
            ]
        )
        let paths = diff.endpoints.dropFirst().compactMap { $0.endpoint.path?.description }
        #expect(paths == paths.sorted())
        #expect(diff.endpoints.dropFirst().allSatisfy { $0.endpoint.path != nil })
    }

    @Test func eachEndpointListsItsChangesInTheDiffsOrder() throws {
        let diff = try VersionDiff(catalog: self.repository, from: "v1", to: "v2")
        let orders = try #require(diff.endpoints.first { $0.endpoint == DiffEndpoint(path: "/purchase-orders") })
        #expect(
            orders.entries.map(\.change.id) == [
                "purchase-order-supplier-id", "purchase-order-supplier-filter", "money-is-an-object",
            ]
        )
    }

    @Test func aMapThatMergesValuesBreaksOnlyTheWayItMerges() throws {
        let forward = try VersionDiff(catalog: self.repository, from: "v1", to: "v2")
        let entry = try #require(forward.entries.first { $0.change.id == "work-orders-complete-or-cancel" })
        let merge = ValueMerge(
            field: FieldPath("status")!,
            from: [.string("completed"), .string("cancelled")],
            into: .string("closed")
        )
        #expect(entry.reading.merges == [])
        #expect(entry.reverse.merges == [merge])
        #expect(entry.isAsymmetric)

        let backward = try VersionDiff(catalog: self.repository, from: "v2", to: "v1")
        let undone = try #require(backward.entries.first { $0.change.id == "work-orders-complete-or-cancel" })
        #expect(undone.reading.merges == [merge])
        #expect(undone.reverse.merges == [])
    }

    @Test func aMapThatMergesValuesBreaksEvenWhenDeclaredNotBreaking() throws {
        let catalog = try DiffFixtures.threeVersions()
        let diff = try VersionDiff(catalog: catalog, from: "v3", to: "v2")
        let entry = try #require(diff.entries.first { $0.change.id == "priority-levels" })
        #expect(!entry.change.breaking)
        #expect(entry.breaking, "moving back, urgent and high both become high")
        #expect(
            entry.reading.merges == [
                ValueMerge(
                    field: FieldPath("priority")!,
                    from: [.string("urgent"), .string("high")],
                    into: .string("high")
                )
            ]
        )
        #expect(!entry.reverse.breaking)
    }

    @Test func anAddedFieldBreaksOnlyAClientMovingBack() throws {
        let catalog = try DiffFixtures.threeVersions()
        let forward = try VersionDiff(catalog: catalog, from: "v2", to: "v3")
        let added = try #require(forward.entries.first { $0.change.id == "partner-rating" })
        #expect(!added.breaking)
        #expect(added.reverse.breaking)
        #expect(added.isAsymmetric)

        let backward = try VersionDiff(catalog: catalog, from: "v3", to: "v2")
        #expect(try #require(backward.entries.first { $0.change.id == "partner-rating" }).breaking)
    }

    @Test func renamesAndReshapesBreakAsDeclaredBothWays() throws {
        let diff = try VersionDiff(catalog: self.repository, from: "v1", to: "v2")
        for entry in diff.entries where entry.change.id != "work-orders-complete-or-cancel" {
            #expect(entry.reading == entry.reverse, "\(entry.change.id)")
            #expect(entry.breaking == entry.change.breaking, "\(entry.change.id)")
        }
    }

    @Test func aDiffAcrossSeveralVersionsListsEveryStepInTheOrderTheClientMeetsThem() throws {
        let catalog = try DiffFixtures.threeVersions()
        let forward = try VersionDiff(catalog: catalog, from: "v1", to: "v3")
        #expect(forward.versions.map(\.description) == ["v2", "v3"])
        #expect(forward.entries.map(\.reference.description) == DiffFixtures.threeVersionsOrder)

        let backward = try VersionDiff(catalog: catalog, from: "v3", to: "v1")
        #expect(backward.direction == .backward)
        #expect(backward.versions.map(\.description) == ["v3", "v2"])
        #expect(
            backward.entries.map(\.reference.description)
                == DiffFixtures.threeVersionsOrder.filter { $0.hasPrefix("v3") }
                + DiffFixtures.threeVersionsOrder.filter { $0.hasPrefix("v2") }
        )
    }

    @Test func eachStepsChangesLinkTheGuideOfTheirOwnStep() throws {
        let diff = try VersionDiff(catalog: try DiffFixtures.threeVersions(), from: "v1", to: "v3")
        #expect(
            diff.entries.first { $0.change.id == "vendors-are-suppliers" }?.guide?.description
                == "migration-guides/v1-to-v2.md#the-vendors-endpoints-are-now-suppliers"
        )
        #expect(
            diff.entries.first { $0.change.id == "suppliers-are-partners" }?.guide?.description
                == "migration-guides/v2-to-v3.md#the-suppliers-endpoints-are-now-partners"
        )
    }

    @Test func aLaterVersionsEndpointIsNamedThroughEveryRenameOnTheWay() throws {
        let catalog = try DiffFixtures.threeVersions()
        let fromFirst = try VersionDiff(catalog: catalog, from: "v1", to: "v3")
        #expect(self.endpoints(of: "partner-name", in: fromFirst) == [.init(path: "/vendors/{id}")])
        #expect(
            self.endpoints(of: "suppliers-are-partners", in: fromFirst) == [.init(path: "/vendors", subpaths: true)]
        )

        let fromSecond = try VersionDiff(catalog: catalog, from: "v2", to: "v3")
        #expect(self.endpoints(of: "partner-name", in: fromSecond) == [.init(path: "/suppliers/{id}")])

        let fromLast = try VersionDiff(catalog: catalog, from: "v3", to: "v1")
        #expect(self.endpoints(of: "partner-name", in: fromLast) == [.init(path: "/partners/{id}")])
        #expect(self.endpoints(of: "vendors-are-suppliers", in: fromLast) == [.init(path: "/partners", subpaths: true)])
    }

    @Test func aMethodScopedChangeWithoutEndpointsAppliesToEveryEndpointForThoseMethods() throws {
        let diff = try VersionDiff(catalog: try DiffFixtures.threeVersions(), from: "v2", to: "v3")
        #expect(
            self.endpoints(of: "idempotency-key", in: diff)
                == [DiffEndpoint(path: nil, methods: .only(["PATCH", "POST"]))]
        )
    }

    @Test(arguments: [
        ("v9", "v2", "no version 'v9' in the catalog: it has v1, v2"),
        ("v1", "latest", "no version 'latest' in the catalog: it has v1, v2"),
        ("v2", "v2", "v2 and v2 are the same version: name two different versions to diff"),
    ])
    func versionsThatCannotBeDiffedAreOneLine(from: String, to: String, message: String) {
        #expect(throws: VersionDiff.Failure.self) { try VersionDiff(catalog: self.repository, from: from, to: to) }
        do {
            _ = try VersionDiff(catalog: self.repository, from: from, to: to)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func everyGuideLinkNamesAHeadingOfTheCommittedGuide() throws {
        let diff = try VersionDiff(catalog: self.repository, from: "v1", to: "v2")
        let guide = try DiffFixtures.text("migration-guides/v1-to-v2.md")
        let anchors = DiffFixtures.anchors(in: guide)
        for entry in diff.entries {
            let section = try #require(entry.guide)
            #expect(section.file == "migration-guides/v1-to-v2.md")
            #expect(anchors.contains(section.anchor), "\(section.anchor)")
        }
    }

    private func endpoints(of id: String, in diff: VersionDiff) -> [DiffEndpoint] {
        diff.entries.first { $0.change.id == id }?.endpoints ?? []
    }
}

extension DiffEndpoint {
    fileprivate init(path: String, subpaths: Bool = false, methods: DiffMethods = .all) {
        self.init(path: PathTemplate(path)!, includesSubpaths: subpaths, methods: methods)
    }
}
