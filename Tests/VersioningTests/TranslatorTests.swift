import Testing
import Versioning

/// The v1 ↔ v2 changes of `versions/v2.yaml`, walked both ways.
@Suite struct TranslatorTests {
    private let translator = Translator(catalog: try! VersionCatalog.bundled())
    private let v1 = VersionName("v1")!
    private let v2 = VersionName("v2")!

    private func request(
        _ method: String,
        _ target: String,
        _ body: String? = nil,
        from client: String = "v1",
        to upstream: String = "v2"
    ) throws -> RequestTranslation {
        let plan = self.translator.requestPlan(from: VersionName(client)!, to: VersionName(upstream)!)
        return try self.translator.translateRequest(
            method: method,
            target: target,
            body: body.map { Array($0.utf8) },
            plan: plan
        )
    }

    private func response(_ body: String, for translation: RequestTranslation) throws -> String? {
        try self.translator.translateResponse(body: Array(body.utf8), plan: translation.responsePlan)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    private func text(_ bytes: [UInt8]?) -> String? { bytes.map { String(decoding: $0, as: UTF8.self) } }

    /// An endpoint spelled another way an upstream may read as the same (a trailing slash, `//`, an escaped letter)
    /// gets all its changes, not only the unscoped ones.
    @Test(arguments: ["/purchase-orders/", "//purchase-orders", "/%70urchase-orders", "/x/../purchase-orders"])
    func anEndpointSpelledAnotherWayGetsAllItsChanges(target: String) throws {
        let translation = try self.request("POST", target, #"{"vendor_id":"sup_9","total":"1.00","currency":"EUR"}"#)
        #expect(
            self.text(translation.body)
                == #"{"supplier_id":"sup_9","total":{"amount":"1.00","currency":"EUR"}}"#
        )
        #expect(translation.target == target, "the target goes upstream as written")
        let list = #"{"data":[{"supplier_id":"sup_1","total":{"amount":"9.50","currency":"EUR"}}],"meta":{"total":1}}"#
        #expect(
            try self.response(list, for: translation)
                == #"{"results":[{"vendor_id":"sup_1","total":"9.50","currency":"EUR"}],"count":1}"#
        )
    }

    @Test func aV1PurchaseOrderBecomesV2OnTheWayUpAndBackOnTheWayDown() throws {
        let translation = try self.request(
            "POST",
            "/purchase-orders",
            #"{"number":"PO-9","vendor_id":"sup_1","total":"99.50","currency":"EUR"}"#
        )
        #expect(translation.target == "/purchase-orders")
        #expect(
            self.text(translation.body)
                == #"{"number":"PO-9","supplier_id":"sup_1","total":{"amount":"99.50","currency":"EUR"}}"#
        )
        let v2 =
            #"{"id":"po_3","number":"PO-9","supplier_id":"sup_1","status":"draft","total":{"amount":"99.50","currency":"EUR"},"created_at":"2026-01-15T09:30:00Z"}"#
        #expect(
            try self.response(v2, for: translation)
                == #"{"id":"po_3","number":"PO-9","vendor_id":"sup_1","status":"draft","total":"99.50","currency":"EUR","created":1768469400}"#
        )
    }

    @Test func listsChangeTheirEnvelopeAndTheirItems() throws {
        let translation = try self.request("GET", "/purchase-orders?vendor_id=sup_1&per_page=1&offset=0")
        #expect(translation.target == "/purchase-orders?supplier_id=sup_1&limit=1&offset=0")
        let v2 =
            #"{"data":[{"id":"po_1","supplier_id":"sup_1","total":{"amount":"1.00","currency":"EUR"},"created_at":"1970-01-01T00:01:40Z"}],"meta":{"total":7}}"#
        #expect(
            try self.response(v2, for: translation)
                == #"{"results":[{"id":"po_1","vendor_id":"sup_1","total":"1.00","currency":"EUR","created":100}],"count":7}"#
        )
    }

    /// The README's example: a v2 item that already holds `vendor_id` takes the changes one by one, so the renamed
    /// `supplier_id` replaces it where `supplier_id` stood, as in any other item.
    @Test func anItemHoldingANameAChangeGivesEndsAsTheChangesInOrderLeaveIt() throws {
        let translation = try self.request("GET", "/purchase-orders")
        let v2 =
            #"{"data":[{"id":"a","vendor_id":"old","supplier_id":"sup_1","total":{"amount":"1.00","currency":"EUR"}},"#
            + #"{"id":"b","supplier_id":"sup_2","total":{"amount":"2.00","currency":"USD"}}],"meta":{"total":2}}"#
        #expect(
            try self.response(v2, for: translation)
                == #"{"results":[{"id":"a","vendor_id":"sup_1","total":"1.00","currency":"EUR"},"#
                + #"{"id":"b","vendor_id":"sup_2","total":"2.00","currency":"USD"}],"count":2}"#
        )
    }

    @Test func vendorsAreSuppliersUpstream() throws {
        let translation = try self.request("GET", "/vendors/sup_1")
        #expect(translation.target == "/suppliers/sup_1")
        // No member any body change needs is in it: it passes untouched, unparsed.
        #expect(try self.response(#"{"id":"sup_1","name":"Acme"}"#, for: translation) == nil)
    }

    @Test(arguments: [
        ("completed", "closed"), ("cancelled", "closed"), ("open", "open"), ("in_progress", "in_progress"),
    ])
    func workOrderStatusesMapBackAsDeclared(v2Status: String, v1Status: String) throws {
        let translation = try self.request("GET", "/work-orders/wo_1")
        #expect(
            try self.response(#"{"id":"wo_1","status":"\#(v2Status)"}"#, for: translation)
                == #"{"id":"wo_1","status":"\#(v1Status)"}"#
        )
    }

    @Test func aClosedWorkOrderFromV1IsCompletedInV2() throws {
        let translation = try self.request("PATCH", "/work-orders/wo_1", #"{"status":"closed"}"#)
        #expect(self.text(translation.body) == #"{"status":"completed"}"#)
    }

    @Test func inventoryCountsOnHand() throws {
        let translation = try self.request("POST", "/inventory", #"{"sku":"A","name":"B","quantity_on_hand":3}"#)
        #expect(self.text(translation.body) == #"{"sku":"A","name":"B","on_hand":3}"#)
        #expect(
            try self.response(#"{"id":"inv_3","sku":"A","name":"B","on_hand":3}"#, for: translation)
                == #"{"id":"inv_3","sku":"A","name":"B","quantity_on_hand":3}"#
        )
    }

    @Test func aSyncIsTriggeredOnTheCollectionWithAMode() throws {
        let translation = try self.request(
            "POST",
            "/connections/con_1/sync",
            #"{"full":true,"entity":"purchase_orders"}"#
        )
        #expect(translation.target == "/connections/con_1/syncs")
        #expect(self.text(translation.body) == #"{"mode":"full","entity":"purchase_orders"}"#)
        let v2 = #"{"id":"sync_1","connection_id":"con_1","mode":"incremental","entity":"inventory","status":"queued"}"#
        #expect(
            try self.response(v2, for: translation)
                == #"{"id":"sync_1","connection_id":"con_1","full":false,"entity":"inventory","status":"queued"}"#
        )
    }

    /// A renamed path spelled another way an upstream may read as the same is renamed too, and goes on normalized;
    /// the changes scoped to the new path then apply (the v1 body becomes v2's).
    @Test(arguments: [
        ("//connections/con_1/sync", "/connections/con_1/syncs"),
        ("/%63onnections/con_1/sync", "/connections/con_1/syncs"),
        ("/./connections/con_1/x/../sync", "/connections/con_1/syncs"),
        ("/connections/con_1/sync/", "/connections/con_1/syncs/"),
        ("/connections/con_1/sync/.", "/connections/con_1/syncs/"),
        ("/connections/con_1/sync/x/%2E%2e", "/connections/con_1/syncs/"),
    ])
    func aRenamedPathSpelledAnotherWayIsRenamedNormalized(target: String, renamed: String) throws {
        let translation = try self.request("POST", target + "?x=%2F", #"{"full":true,"entity":"purchase_orders"}"#)
        #expect(translation.target == renamed + "?x=%2F")
        #expect(self.text(translation.body) == #"{"mode":"full","entity":"purchase_orders"}"#)
    }

    /// A path the rename does not concern goes on as written, however it is spelled.
    @Test(arguments: ["//connections/con_1", "/%63onnections/con_1/", "/x/../connections/con_1/syncs"])
    func aPathNoRenameConcernsGoesOnAsWritten(target: String) throws {
        #expect(try self.request("POST", target).target == target)
    }

    @Test(arguments: [
        ("//vendors/sup_1", "/suppliers/sup_1"), ("/%76endors", "/suppliers"), ("/x/../vendors/", "/suppliers/"),
    ])
    func aRenamedCollectionSpelledAnotherWayIsRenamed(target: String, renamed: String) throws {
        #expect(try self.request("GET", target).target == renamed)
    }

    /// Unix times RFC 3339 cannot write, down to Int64's extremes, pass unconverted instead of overflowing.
    @Test(arguments: ["-9223372036854775808", "9223372036854775807", "-62135596801", "253402300800"])
    func unixTimesBeyondFourDigitYearsAreLeftAlone(seconds: String) throws {
        let translation = try self.request("POST", "/work-orders", #"{"title":"T","created":\#(seconds)}"#)
        #expect(self.text(translation.body) == #"{"title":"T","created_at":\#(seconds)}"#)
    }

    @Test(arguments: [("-62135596800", "0001-01-01T00:00:00Z"), ("253402300799", "9999-12-31T23:59:59Z")])
    func theFirstAndLastFourDigitYearsConvert(seconds: String, date: String) throws {
        let translation = try self.request("POST", "/work-orders", #"{"created":\#(seconds)}"#)
        #expect(self.text(translation.body) == #"{"created_at":"\#(date)"}"#)
    }

    @Test func listingSyncsKeepsItsPath() throws {
        #expect(try self.request("GET", "/connections/con_1/syncs").target == "/connections/con_1/syncs")
    }

    @Test func aV2ClientOfAV1UpstreamIsTranslatedTheOtherWay() throws {
        let translation = try self.request(
            "POST",
            "/suppliers?limit=2",
            #"{"name":"N"}"#,
            from: "v2",
            to: "v1"
        )
        #expect(translation.target == "/vendors?per_page=2")
        let v1List =
            #"{"results":[{"id":"po_1","vendor_id":"sup_1","total":"5.00","currency":"USD","created":0}],"count":1}"#
        let purchaseOrders = try self.request("GET", "/purchase-orders", from: "v2", to: "v1")
        #expect(
            try self.response(v1List, for: purchaseOrders)
                == #"{"data":[{"id":"po_1","supplier_id":"sup_1","total":{"amount":"5.00","currency":"USD"},"created_at":"1970-01-01T00:00:00Z"}],"meta":{"total":1}}"#
        )
        #expect(translation.body.map { String(decoding: $0, as: UTF8.self) } == #"{"name":"N"}"#)
    }

    @Test func v1ToV2ToV1IsTheIdentityForLosslessDocuments() throws {
        let documents = [
            (
                "/purchase-orders/po_1",
                #"{"id":"po_1","number":"PO-1","vendor_id":"sup_1","status":"submitted","total":"99.50","currency":"EUR","created":1768469400}"#
            ),
            (
                "/work-orders",
                #"{"results":[{"id":"wo_1","title":"T","status":"closed","created":5},{"id":"wo_2","title":"U","status":"open","created":6}],"count":2}"#
            ),
            ("/inventory/inv_1", #"{"id":"inv_1","sku":"S","name":"N","quantity_on_hand":0}"#),
        ]
        for (path, v1Document) in documents {
            // A v1 upstream's answer as a v2 client sees it, then a v2 upstream's answer as a v1 client sees it.
            let toV2 = try self.request("GET", path, from: "v2", to: "v1").responsePlan
            let toV1 = try self.request("GET", path, from: "v1", to: "v2").responsePlan
            let v2Document = try #require(
                try self.translator.translateResponse(body: Array(v1Document.utf8), plan: toV2)
            )
            let back = try #require(try self.translator.translateResponse(body: v2Document, plan: toV1))
            #expect(String(decoding: back, as: UTF8.self) == v1Document, "\(path)")
        }
    }

    @Test func aResponseNoChangeConcernsIsNotParsed() throws {
        let sameVersion = try self.request("GET", "/purchase-orders", from: "v1", to: "v1")
        #expect(try self.response("not json at all", for: sameVersion) == nil)
    }

    @Test func aMalformedBodyIsATranslationError() {
        #expect(throws: TranslationError.self) { try self.request("POST", "/inventory", "{\"quantity_on_hand\":") }
    }

    /// A body no change can alter is not read: not JSON, it passes untouched; read always (as walks read), it is
    /// still an error.
    @Test func aMalformedBodyNoChangeCanAlterPassesUnlessReadAlways() throws {
        let untouched = try self.request("POST", "/inventory", "{\"sku\":")
        #expect(!untouched.rewroteBody)
        #expect(throws: TranslationError.self) {
            try self.translator.translateRequest(
                method: "POST",
                target: "/inventory",
                body: Array("{\"sku\":".utf8),
                plan: self.translator.requestPlan(from: VersionName("v1")!, to: VersionName("v2")!),
                reading: .always
            )
        }
    }
}
