import Testing
import Versioning

/// Which declared changes actually altered an exchange: only those that found something to rewrite.
@Suite struct FiredChangesTests {
    private let translator = Translator(catalog: try! VersionCatalog.bundled())

    private func request(_ method: String, _ target: String, _ body: String? = nil) throws -> RequestTranslation {
        try self.translator.translateRequest(
            method: method,
            target: target,
            body: body.map { Array($0.utf8) },
            plan: self.translator.requestPlan(from: VersionName("v1")!, to: VersionName("v2")!)
        )
    }

    private func ids(_ fired: FiredChanges) -> [String] { fired.map(\.id) }

    @Test func aVendorPathFiresOnlyTheVendorRename() throws {
        let translation = try self.request("GET", "/vendors/ven_1")
        #expect(self.ids(translation.firedChanges) == ["vendors-are-suppliers"])
        #expect(translation.firedChanges.map(\.version.description) == ["v2"])
        var fired = FiredChanges()
        _ = try self.translator.translateResponse(
            body: Array(#"{"id":"sup_1","name":"Acme"}"#.utf8),
            plan: translation.responsePlan,
            fired: &fired
        )
        #expect(fired.isEmpty, "a body with no created field fires nothing")
    }

    @Test func aPathNoChangeConcernsFiresNothing() throws {
        #expect(try self.request("GET", "/reports/daily?from=1").firedChanges.isEmpty)
    }

    @Test func queryRenamesFireOnlyWhenTheParameterIsThere() throws {
        #expect(
            self.ids(try self.request("GET", "/purchase-orders?vendor_id=v&per_page=2").firedChanges) == [
                "purchase-order-supplier-filter", "page-size-is-limit",
            ]
        )
        #expect(try self.request("GET", "/purchase-orders?status=open").firedChanges.isEmpty)
    }

    @Test func bodyChangesFireForWhatTheBodyHolds() throws {
        let translation = try self.request(
            "POST",
            "/purchase-orders",
            #"{"number":"PO-9","vendor_id":"sup_1","total":"9.50","currency":"EUR"}"#
        )
        #expect(self.ids(translation.firedChanges) == ["purchase-order-supplier-id", "money-is-an-object"])
        let noVendor = try self.request("POST", "/purchase-orders", #"{"number":"PO-9"}"#)
        #expect(noVendor.firedChanges.isEmpty)
    }

    @Test func aListResponseFiresEachChangeOnceWhateverTheItemCount() throws {
        let translation = try self.request("GET", "/purchase-orders")
        var fired = FiredChanges()
        let body =
            #"{"data":[{"id":"po_1","created_at":"2026-01-01T00:00:00Z"},"#
            + #"{"id":"po_2","created_at":"2026-01-02T00:00:00Z"}],"meta":{"total":2}}"#
        _ = try self.translator.translateResponse(body: Array(body.utf8), plan: translation.responsePlan, fired: &fired)
        #expect(Set(self.ids(fired)) == ["list-envelope", "created-is-created-at", "created-at-is-rfc3339"])
        #expect(self.ids(fired).count == 3)
    }

    @Test func headerRenamesNameTheirChangeForTheGatewayToFireWhenTheHeaderIsThere() throws {
        let v1 = VersionName("v1")!
        let v2 = VersionName("v2")!
        let region = VersionChange(
            id: "supplier-region",
            summary: "X-Vendor-Region is X-Supplier-Region.",
            breaking: true,
            verb: .renameHeader(older: "X-Vendor-Region", newer: "X-Supplier-Region")
        )
        let translator = Translator(
            catalog: try VersionCatalog([
                VersionManifest(name: v1, status: .current, successor: v2),
                VersionManifest(name: v2, status: .draft, previous: v1, changes: [region]),
            ])
        )
        let translation = try translator.translateRequest(
            method: "GET",
            target: "/x",
            body: nil,
            plan: translator.requestPlan(from: v1, to: v2)
        )
        let expected = ChangeReference(version: v2, id: "supplier-region")
        #expect(translation.headerRenames.map(\.change) == [expected])
        #expect(translation.responsePlan.headerRenames.map(\.change) == [expected])
        #expect(translation.firedChanges.isEmpty, "a header rename fires only where the gateway finds the header")
    }
}
