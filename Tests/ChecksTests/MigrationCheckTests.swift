import Checks
import Testing
import Versioning

/// Each v1 → v2 change of `versions/v2.yaml`, detected in v1 traffic that exercises it and not reported for
/// traffic that does not.
@Suite struct MigrationCheckTests {
    private let catalog = try! VersionCatalog.bundled()

    private func hits(_ exchanges: RecordedExchange...) throws -> [String] {
        try self.check(exchanges).hits.map(\.change.change.id)
    }

    private func check(
        _ exchanges: [RecordedExchange],
        from: String = "v1",
        to: String = "v2"
    ) throws
        -> MigrationCheckResult
    {
        var check = try MigrationCheck(catalog: self.catalog, from: VersionName(from)!, to: VersionName(to)!)
        for exchange in exchanges { check.examine(exchange) }
        return check.result(files: ["calls.har"])
    }

    private func exchange(
        _ method: String,
        _ target: String,
        request: String? = nil,
        status: Int = 200,
        response: String? = nil,
        requestFields: [RecordedField] = [],
        entry: Int = 1
    ) -> RecordedExchange {
        RecordedExchange(
            method: method,
            target: target,
            requestFields: requestFields,
            requestBody: request.map { Array($0.utf8) },
            status: status,
            responseBody: response.map { Array($0.utf8) },
            origin: TrafficOrigin(file: "calls.har", position: .entry(entry))
        )
    }

    @Test func callingVendorsHitsThePathRename() throws {
        #expect(
            try self.hits(self.exchange("GET", "/vendors/ven_1", response: #"{"id":"ven_1","name":"Acme"}"#))
                == ["vendors-are-suppliers"]
        )
    }

    @Test func readingVendorIDOfAPurchaseOrderHitsTheFieldRename() throws {
        let hits = try self.hits(
            self.exchange("GET", "/purchase-orders/po_1", response: #"{"id":"po_1","vendor_id":"ven_1"}"#)
        )
        #expect(hits == ["purchase-order-supplier-id"])
    }

    @Test func sendingVendorIDInANewPurchaseOrderHitsTheFieldRename() throws {
        let hits = try self.hits(
            self.exchange(
                "POST",
                "/purchase-orders",
                request: #"{"number":"PO-9","vendor_id":"ven_1"}"#,
                status: 201,
                response: #"{"id":"po_9"}"#
            )
        )
        #expect(hits == ["purchase-order-supplier-id"])
    }

    @Test func listingSuppliersNamesWithoutVendorIDDoesNotHitTheFieldRename() throws {
        let result = try self.check([
            self.exchange("GET", "/vendors", response: #"{"results":[{"id":"ven_1","name":"Acme"}],"count":1}"#),
            self.exchange("GET", "/purchase-orders/po_1", response: #"{"id":"po_1","number":"PO-1"}"#),
        ])
        #expect(result.hits.map(\.change.change.id) == ["vendors-are-suppliers", "list-envelope"])
        #expect(result.safe.map(\.change.change.id).contains("purchase-order-supplier-id"))
    }

    @Test func filteringByVendorHitsTheQueryRenameAndPagingHitsTheLimitRename() throws {
        let hits = try self.hits(self.exchange("GET", "/purchase-orders?vendor_id=ven_1&per_page=10"))
        #expect(hits == ["purchase-order-supplier-filter", "page-size-is-limit"])
    }

    @Test func readingTotalAndCurrencyHitsTheMoneyObject() throws {
        let hits = try self.hits(
            self.exchange("GET", "/purchase-orders/po_1", response: #"{"id":"po_1","total":"99.50","currency":"EUR"}"#)
        )
        #expect(hits == ["money-is-an-object"])
    }

    @Test func readingCreatedAsUnixSecondsHitsTheRenameAndTheFormat() throws {
        let hits = try self.hits(
            self.exchange("GET", "/inventory/inv_1", response: #"{"id":"inv_1","created":1735689600}"#)
        )
        #expect(hits == ["created-is-created-at", "created-at-is-rfc3339"])
    }

    @Test func aClosedWorkOrderHitsTheStatusValuesAndAnOpenOneDoesNot() throws {
        #expect(
            try self.hits(self.exchange("GET", "/work-orders/wo_1", response: #"{"id":"wo_1","status":"closed"}"#))
                == ["work-orders-complete-or-cancel"]
        )
        #expect(
            try self.hits(self.exchange("GET", "/work-orders/wo_2", response: #"{"id":"wo_2","status":"open"}"#)) == []
        )
    }

    @Test func readingQuantityOnHandHitsTheInventoryRename() throws {
        let hits = try self.hits(
            self.exchange("GET", "/inventory/inv_1", response: #"{"id":"inv_1","quantity_on_hand":4}"#)
        )
        #expect(hits == ["inventory-on-hand"])
    }

    @Test func itemsOfAListCountAndTheEnvelopeHits() throws {
        let list = #"{"results":[{"id":"inv_1","quantity_on_hand":4}],"count":1}"#
        #expect(
            try self.hits(self.exchange("GET", "/inventory", response: list)) == ["inventory-on-hand", "list-envelope"]
        )
    }

    @Test func startingASyncWithTheFullFlagHitsThePathTheFieldAndItsValues() throws {
        let hits = try self.hits(
            self.exchange(
                "POST",
                "/connections/con_1/sync",
                request: #"{"full":true}"#,
                status: 202,
                response: #"{"id":"syn_1"}"#
            )
        )
        #expect(hits == ["syncs-are-a-collection", "sync-mode", "sync-mode-values"])
    }

    @Test func listingSyncsIsNotStartingOne() throws {
        #expect(try self.hits(self.exchange("GET", "/connections/con_1/syncs", response: #"{"id":"syn_1"}"#)) == [])
    }

    @Test func anErrorResponseBodyIsNotReadAsAResource() throws {
        let problem = #"{"type":"about:blank","title":"Not Found","status":404,"created":1}"#
        #expect(try self.hits(self.exchange("GET", "/inventory/x", status: 404, response: problem)) == [])
    }

    @Test func eachHitIsCountedPerRequestWithTheFirstAsItsExample() throws {
        let result = try self.check([
            self.exchange("GET", "/purchase-orders/po_1", response: #"{"vendor_id":"a"}"#, entry: 1),
            self.exchange("GET", "/purchase-orders/po_2", response: #"{"vendor_id":"b"}"#, entry: 2),
        ])
        let hit = try #require(result.hits.first)
        #expect(hit.requests == 2)
        #expect(
            hit.example?.description
                == "GET /purchase-orders/po_1 (calls.har entry 1): field vendor_id in the response body"
        )
        #expect(
            hit.change.guide?.description
                == "migration-guides/v1-to-v2.md#purchase-orders-name-their-supplier-in-supplier_id-instead-of-vendor_id"
        )
    }

    @Test func anExampleNeverShowsACredentialInTheQuery() throws {
        let result = try self.check([
            self.exchange("GET", "/purchase-orders?api_key=sk_live_123&vendor_id=ven_1&access%5Ftoken=abc")
        ])
        let example = try #require(result.hits.first?.example)
        #expect(example.target == "/purchase-orders?api_key=REDACTED&vendor_id=ven_1&access%5Ftoken=REDACTED")
    }

    @Test func requestsToPathsNoManifestNamesAreListedAndStillChecked() throws {
        let result = try self.check([
            self.exchange(
                "GET",
                "/connections",
                response: #"{"results":[{"id":"con_1","created":1735689600}],"count":1}"#
            ),
            self.exchange("GET", "/connections", response: #"{"results":[],"count":0}"#),
            self.exchange("GET", "/vendors/ven_1"),
        ])
        #expect(result.unplaced.count == 2)
        #expect(result.unplaced.paths.map { "\($0.0) \($0.1)" } == ["GET /connections 2"])
        #expect(result.hits.map(\.change.change.id).contains("created-is-created-at"))
    }

    @Test func bodiesThatAreNotJSONLeaveTheChangesTheyConcernUnchecked() throws {
        let result = try self.check([self.exchange("GET", "/purchase-orders/po_1", response: "<html>")])
        #expect(result.unreadableBodies == 1)
        #expect(!result.passed)
        #expect(result.verdict.hasPrefix("INCOMPLETE"))
        #expect(
            result.unchecked.map(\.change.change.id) == [
                "purchase-order-supplier-id", "money-is-an-object", "created-is-created-at", "created-at-is-rfc3339",
                "list-envelope",
            ]
        )
        #expect(result.safe.map(\.change.change.id).contains("work-orders-complete-or-cancel"))
    }

    @Test func aResponseBodyTheRecordingLeftOutIsNotTakenForNone() throws {
        var exchange = self.exchange("GET", "/work-orders/wo_1")
        exchange.responseBodyOmitted = true
        let result = try self.check([exchange])
        #expect(result.unchecked.map(\.change.change.id).contains("work-orders-complete-or-cancel"))
        #expect(!result.passed)
    }

    @Test func exchangesServedInAnotherVersionAreLeftOut() throws {
        var v2 = self.exchange(
            "GET",
            "/purchase-orders/po_1",
            response: #"{"supplier_id":"sup_1","total":{"amount":"1"}}"#
        )
        v2.responseFields = [RecordedField(name: "api-version", value: "v2")]
        var v1 = self.exchange("GET", "/purchase-orders/po_1", response: #"{"vendor_id":"sup_1"}"#)
        v1.requestFields = [RecordedField(name: "API-Version", value: "v1")]
        let result = try self.check([v2, v1])
        #expect(result.requests == 1)
        #expect(result.otherVersions == 1)
        #expect(result.hits.map(\.change.change.id) == ["purchase-order-supplier-id"])
    }

    @Test func aCheckGoesFromAnOlderKnownVersionToANewerOne() {
        #expect(
            throws: MigrationCheckError(
                "--from v2 is not older than --to v1: a check reads the way from an older version to a newer one"
            )
        ) {
            try MigrationCheck(catalog: self.catalog, from: VersionName("v2")!, to: VersionName("v1")!)
        }
        #expect(throws: MigrationCheckError("--to v9 is not a known version (known: v1, v2)")) {
            try MigrationCheck(catalog: self.catalog, from: VersionName("v1")!, to: VersionName("v9")!)
        }
    }
}

extension MigrationCheckTests {
    @Test(arguments: [
        "per_page=5;token=SECRET", "api%255Fkey=SECRET", "pw=SECRET", "passphrase=SECRET", "client_assertion=SECRET",
        "SAMLResponse=SECRET", "ticket=SECRET", "pat=SECRET", "hmac=SECRET", "AWSAccessKeyId=SECRET", "sign=SECRET",
    ])
    func credentialLikeQueryValuesNeverReachAnExample(query: String) throws {
        let result = try self.check([self.exchange("GET", "/purchase-orders?vendor_id=ven_1&\(query)")])
        let example = try #require(result.hits.first?.example)
        #expect(!example.description.contains("SECRET"), "\(example)")
        #expect(example.target.contains("vendor_id=ven_1"))
    }

    @Test func controlCharactersFromTrafficAreShownAsReplacementCharacters() throws {
        let result = try self.check([self.exchange("GET", "/vendors/\u{1B}[31mred?vendor_id=\u{0}x")])
        let example = try #require(result.hits.first?.example)
        #expect(example.target == "/vendors/\u{FFFD}[31mred?vendor_id=\u{FFFD}x")
        #expect(!result.junit.contains("\u{1B}"))
    }
}

extension MigrationCheckTests {
    @Test func aVersionPrefixIsTakenOffAndAnotherVersionsLeftOut() throws {
        let result = try self.check([
            self.exchange("GET", "/v1/purchase-orders/po_1", response: #"{"vendor_id":"sup_1"}"#),
            self.exchange("GET", "/v2/purchase-orders/po_1", response: #"{"supplier_id":"sup_1"}"#),
        ])
        #expect(result.requests == 1)
        #expect(result.otherVersions == 1)
        #expect(result.hits.map(\.change.change.id) == ["purchase-order-supplier-id"])
        #expect(result.hits.first?.example?.target == "/purchase-orders/po_1")
    }

    @Test func aBasePathIsTakenOffWhenGivenAndSuggestedWhenNot() throws {
        let exchanges = [self.exchange("GET", "/api/v1/vendors/sup_1?x=1")]
        let unplaced = try self.check(exchanges)
        #expect(unplaced.unplaced.count == 1)
        #expect(unplaced.hiddenBasePath == "/api/v1")
        var check = try MigrationCheck(
            catalog: self.catalog,
            from: VersionName("v1")!,
            to: VersionName("v2")!,
            basePath: "/api/"
        )
        for exchange in exchanges { check.examine(exchange) }
        let placed = check.result(files: ["calls.har"])
        #expect(placed.unplaced.count == 0)
        #expect(placed.hits.map(\.change.change.id) == ["vendors-are-suppliers"])
    }
}
