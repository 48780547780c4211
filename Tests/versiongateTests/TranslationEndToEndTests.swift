import Foundation
import TestSupport
import Testing

/// The demo (sample API speaking v2, gateway in front): each v1 → v2 change seen by real clients of both versions,
/// writes in one version read back in the other.
@Suite struct TranslationEndToEndTests {
    private func withDemo(upstream version: String = "v2", _ body: (RawHTTPClient, RawHTTPClient) throws -> Void) throws
    {
        let demo = try RunningVersiongate([
            "demo", "--port", "0", "--upstream-port", "0", "--upstream-version", version,
        ])
        defer { _ = demo.stop() }
        try body(try RawHTTPClient(port: demo.port), try RawHTTPClient(port: demo.port))
    }

    private let json = [("Content-Type", "application/json")]
    private let asV2 = [("API-Version", "v2"), ("Content-Type", "application/json")]

    @Test func vendorsAndTheirPurchaseOrdersKeepTheirV1Names() throws {
        try self.withDemo { (v1: RawHTTPClient, v2: RawHTTPClient) throws in
            let created = try v1.request(
                "POST",
                "/vendors",
                headers: self.json,
                body: Array(#"{"name":"Globex","email":"a@globex.example"}"#.utf8)
            )
            #expect(created.status == 201)
            let id = try #require(created.text.split(separator: "\"").dropFirst(3).first)
            #expect(try v2.request("GET", "/suppliers/\(id)", headers: self.asV2).status == 200)
            let order = try v1.request(
                "POST",
                "/purchase-orders",
                headers: self.json,
                body: Array(#"{"number":"PO-77","vendor_id":"\#(id)","total":"10.00","currency":"EUR"}"#.utf8)
            )
            #expect(order.text.contains(#""vendor_id":"\#(id)""#))
            let filtered = try v1.request("GET", "/purchase-orders?vendor_id=\(id)")
            #expect(filtered.text.contains("PO-77"))
            #expect(filtered.text.contains(#""count":1"#))
            #expect(
                try v2.request("GET", "/purchase-orders?supplier_id=\(id)", headers: self.asV2).text.contains(
                    #""supplier_id":"\#(id)""#
                )
            )
        }
    }

    @Test func moneyIsFlatInV1AndAnObjectInV2() throws {
        try self.withDemo { (v1: RawHTTPClient, v2: RawHTTPClient) throws in
            _ = try v2.request(
                "PATCH",
                "/purchase-orders/po_1",
                headers: self.asV2,
                body: Array(#"{"total":{"amount":"42.00","currency":"USD"}}"#.utf8)
            )
            let order = try v1.request("GET", "/purchase-orders/po_1")
            #expect(order.text.contains(#""total":"42.00","currency":"USD""#))
            _ = try v1.request(
                "PATCH",
                "/purchase-orders/po_1",
                headers: self.json,
                body: Array(#"{"total":"7.50","currency":"EUR"}"#.utf8)
            )
            #expect(
                try v2.request("GET", "/purchase-orders/po_1", headers: self.asV2).text.contains(
                    #""total":{"amount":"7.50","currency":"EUR"}"#
                )
            )
        }
    }

    @Test func timestampsAreUnixSecondsInV1() throws {
        try self.withDemo { (v1: RawHTTPClient, v2: RawHTTPClient) throws in
            #expect(try v1.request("GET", "/work-orders/wo_1").text.contains(#""created":1772348400"#))
            #expect(
                try v2.request("GET", "/work-orders/wo_1", headers: self.asV2).text.contains(
                    #""created_at":"2026-03-01T07:00:00Z""#
                )
            )
        }
    }

    @Test func finishedWorkOrdersAreClosedInV1() throws {
        try self.withDemo { (v1: RawHTTPClient, v2: RawHTTPClient) throws in
            _ = try v1.request(
                "PATCH",
                "/work-orders/wo_1",
                headers: self.json,
                body: Array(#"{"status":"closed"}"#.utf8)
            )
            #expect(
                try v2.request("GET", "/work-orders/wo_1", headers: self.asV2).text.contains(#""status":"completed""#)
            )
            _ = try v2.request(
                "PATCH",
                "/work-orders/wo_1",
                headers: self.asV2,
                body: Array(#"{"status":"cancelled"}"#.utf8)
            )
            #expect(try v1.request("GET", "/work-orders/wo_1").text.contains(#""status":"closed""#))
        }
    }

    @Test func inventoryCountsQuantityOnHandInV1() throws {
        try self.withDemo { (v1: RawHTTPClient, v2: RawHTTPClient) throws in
            _ = try v1.request(
                "PATCH",
                "/inventory/inv_1",
                headers: self.json,
                body: Array(#"{"quantity_on_hand":99}"#.utf8)
            )
            #expect(try v2.request("GET", "/inventory/inv_1", headers: self.asV2).text.contains(#""on_hand":99"#))
        }
    }

    @Test func listsUseTheV1EnvelopeAndPageSize() throws {
        try self.withDemo { (v1: RawHTTPClient, v2: RawHTTPClient) throws in
            let page = try v1.request("GET", "/suppliers?per_page=1")
            #expect(page.text.hasPrefix(#"{"results":[{"id":"sup_1""#))
            #expect(page.text.hasSuffix(#""count":2}"#))
            #expect(!page.text.contains("sup_2"))
            #expect(
                try v2.request("GET", "/suppliers?limit=1", headers: self.asV2).text.hasSuffix(#""meta":{"total":2}}"#)
            )
        }
    }

    @Test func syncsAreTriggeredWithAFullFlagInV1() throws {
        try self.withDemo { (v1: RawHTTPClient, v2: RawHTTPClient) throws in
            let queued = try v1.request(
                "POST",
                "/connections/con_1/sync",
                headers: self.json,
                body: Array(#"{"full":true,"entity":"purchase_orders"}"#.utf8)
            )
            #expect(queued.status == 202)
            #expect(queued.text.contains(#""full":true"#))
            #expect(
                try v2.request("GET", "/connections/con_1/syncs", headers: self.asV2).text.contains(#""mode":"full""#)
            )
        }
    }

    @Test func malformedJSONIsA400ProblemAndErrorsPassUntouched() throws {
        try self.withDemo { (v1: RawHTTPClient, _: RawHTTPClient) throws in
            let malformed = try v1.request("POST", "/inventory", headers: self.json, body: Array("{\"sku\":".utf8))
            #expect(malformed.status == 400)
            #expect(malformed.header("Content-Type") == "application/problem+json")
            let missing = try v1.request("GET", "/vendors/sup_404")
            #expect(missing.status == 404)
            #expect(missing.text.contains("suppliers/sup_404 does not exist"))
        }
    }

    @Test func withTheUpstreamOnV1AV2ClientSeesV2() throws {
        try self.withDemo(upstream: "v1") { (v1: RawHTTPClient, v2: RawHTTPClient) throws in
            let list = try v2.request("GET", "/suppliers?limit=1", headers: self.asV2)
            #expect(list.status == 200)
            #expect(list.text.hasPrefix(#"{"data":[{"id":"sup_1""#))
            #expect(list.text.hasSuffix(#""meta":{"total":2}}"#))
            let order = try v2.request("GET", "/purchase-orders/po_1", headers: self.asV2)
            #expect(
                order.text.contains(
                    #""supplier_id":"sup_1","status":"submitted","total":{"amount":"99.50","currency":"EUR"},"created_at":"2026-01-15T09:30:00Z""#
                )
            )
            let supplier = try v2.request(
                "POST",
                "/suppliers",
                headers: self.asV2,
                body: Array(#"{"name":"Umbrella","email":"u@umbrella.example"}"#.utf8)
            )
            #expect(supplier.status == 201)
            #expect(supplier.header("Location") == "/suppliers/sup_3")
            let created = try v2.request(
                "POST",
                "/work-orders",
                headers: self.asV2,
                body: Array(#"{"title":"Oil pump","status":"cancelled"}"#.utf8)
            )
            #expect(created.status == 201)
            #expect(created.header("Location") == "/work-orders/wo_3")
            #expect(try v1.request("GET", "/work-orders/wo_3").text.contains(#""status":"closed""#))
            let sync = try v2.request(
                "POST",
                "/connections/con_1/syncs",
                headers: self.asV2,
                body: Array(#"{"mode":"incremental","entity":"inventory"}"#.utf8)
            )
            #expect(sync.status == 202)
            #expect(sync.text.contains(#""mode":"incremental""#))
        }
    }

    @Test func withTheUpstreamOnV1AV1ClientPassesStraightThrough() throws {
        try self.withDemo(upstream: "v1") { (v1: RawHTTPClient, _: RawHTTPClient) throws in
            let created = try v1.request(
                "POST",
                "/vendors",
                headers: self.json,
                body: Array(#"{"name":"Initech","email":"x@initech.example"}"#.utf8)
            )
            #expect(created.status == 201)
            #expect(created.header("Location") == "/vendors/sup_3")
            #expect(try v1.request("GET", "/vendors?per_page=5").text.hasSuffix(#""count":3}"#))
        }
    }
}
