import Checks
import Testing
import Versioning

/// Checks from what the usage ledger recorded: changes that fired are hits, and a ledger that never compared the
/// client's requests with the newer version is refused rather than read as "nothing hits".
@Suite struct LedgerCheckTests {
    private let catalog = try! VersionCatalog.bundled()
    private let v1 = VersionName("v1")!
    private let v2 = VersionName("v2")!

    private func evidence(
        changes: [String: Int] = [:],
        evaluated: Int = 10,
        previewed: Int = 0
    ) -> LedgerEvidence {
        LedgerEvidence(
            client: "acme",
            window: "since 30d",
            requests: [
                LedgerEvidence.Route(method: "GET", route: "/purchase-orders/{id}"): 6,
                LedgerEvidence.Route(method: "POST", route: "/connections/{id}/sync"): 3,
                LedgerEvidence.Route(method: "GET", route: "/vendors"): 1,
            ],
            changes: Dictionary(
                uniqueKeysWithValues: changes.map { (ChangeReference(version: self.v2, id: $0.key), $0.value) }
            ),
            evaluated: evaluated == 0 ? [:] : [self.v2: evaluated],
            previewed: previewed == 0 ? [:] : [self.v2: previewed]
        )
    }

    @Test func changesThatFiredHitWithAnExampleRouteInTheirScope() throws {
        let result = try MigrationCheckResult(
            catalog: self.catalog,
            from: self.v1,
            to: self.v2,
            ledger: self.evidence(changes: [
                "purchase-order-supplier-id": 6, "sync-mode": 3, "vendors-are-suppliers": 1,
            ])
        )
        #expect(
            result.hits.map(\.change.change.id) == ["vendors-are-suppliers", "purchase-order-supplier-id", "sync-mode"]
        )
        #expect(result.hits.map(\.requests) == [1, 6, 3])
        #expect(
            result.hits.map { $0.example?.description } == [
                "GET /vendors: path /vendors",
                "GET /purchase-orders/{id}: field vendor_id",
                "POST /connections/{id}/sync: field full",
            ]
        )
        #expect(result.safe.count == 10)
        #expect(result.caveats == [])
    }

    @Test func aLedgerThatNeverComparedTheRequestsWithTheNewerVersionCannotTell() {
        #expect(
            throws: MigrationCheckError(
                "the ledger (since 30d) holds 10 requests from acme served in v1, none translated to v2 or later or "
                    + "previewing it, so it cannot tell what v2 would change: have the client send "
                    + "API-Version-Preview: v2, or check recorded traffic with --traffic"
            )
        ) {
            try MigrationCheckResult(
                catalog: self.catalog,
                from: self.v1,
                to: self.v2,
                ledger: self.evidence(evaluated: 0)
            )
        }
    }

    @Test func aClientTheLedgerNeverSawIsAnError() {
        var evidence = self.evidence()
        evidence.requests = [:]
        #expect(throws: MigrationCheckError("the ledger (since 30d) holds no request from acme served in v1")) {
            try MigrationCheckResult(catalog: self.catalog, from: self.v1, to: self.v2, ledger: evidence)
        }
    }

    @Test func partialComparisonAndPreviewsAreSaid() throws {
        let result = try MigrationCheckResult(
            catalog: self.catalog,
            from: self.v1,
            to: self.v2,
            ledger: self.evidence(evaluated: 4, previewed: 4)
        )
        #expect(!result.passed)
        #expect(result.unchecked.count == 13)
        #expect(result.text.contains("INCOMPLETE: no breaking change between v1 and v2 hits what could be examined"))
        #expect(result.text.contains("10 requests from acme served in v1 (ledger, since 30d; 4 previewed v2)"))
        #expect(
            result.text.contains(
                "only 4 of the 10 requests were compared with v2 (translated to it or previewing it); changes could "
                    + "only fire on those"
            )
        )
    }
}
