import Foundation
import Testing

@testable import SampleUpstream

@Suite struct SampleAPITests {
    private let api = SampleAPI(clock: { Date(timeIntervalSince1970: 1_795_392_000) })

    private func call(_ method: String, _ target: String, _ body: String = "") -> SampleResponse {
        self.api.handle(method: method, target: target, body: Array(body.utf8))
    }

    @Test func listsUseTheV2EnvelopeWithPagination() {
        let response = self.call("GET", "/purchase-orders?limit=1&offset=1")
        #expect(response.status == 200)
        #expect(response.body.hasPrefix("{\"data\":[{\"id\":\"po_2\""))
        #expect(response.body.hasSuffix("\"meta\":{\"total\":2}}"))
    }

    @Test func purchaseOrdersFilterBySupplier() {
        let response = self.call("GET", "/purchase-orders?supplier_id=sup_2")
        #expect(response.body.contains("\"po_2\""))
        #expect(!response.body.contains("\"po_1\""))
    }

    @Test func createdRecordsGetAnIdATimestampAndDefaults() {
        let response = self.call("POST", "/work-orders", "{\"title\":\"Lubricate pump\"}")
        #expect(response.status == 201)
        #expect(response.location == "/work-orders/wo_3")
        #expect(
            response.body
                == "{\"id\":\"wo_3\",\"title\":\"Lubricate pump\",\"status\":\"open\",\"created_at\":\"2026-11-23T00:00:00Z\"}"
        )
        #expect(self.call("GET", "/work-orders/wo_3").body == response.body)
    }

    @Test func patchChangesOnlyTheGivenFields() {
        let response = self.call(
            "PATCH",
            "/purchase-orders/po_1",
            "{\"total\":{\"amount\":\"5.00\",\"currency\":\"USD\"}}"
        )
        #expect(response.status == 200)
        #expect(response.body.contains("\"total\":{\"amount\":\"5.00\",\"currency\":\"USD\"}"))
        #expect(response.body.contains("\"number\":\"PO-1001\""))
    }

    @Test func deleteAnswers204AndTheRecordIsGone() {
        #expect(self.call("DELETE", "/inventory/inv_1").status == 204)
        #expect(self.call("GET", "/inventory/inv_1").status == 404)
    }

    @Test(arguments: [
        (
            "POST", "/purchase-orders",
            "{\"number\":\"PO-9\",\"supplier_id\":\"sup_9\",\"total\":{\"amount\":\"1\",\"currency\":\"EUR\"}}", 422
        ),
        ("POST", "/purchase-orders", "{\"number\":\"PO-9\",\"supplier_id\":\"sup_1\",\"total\":\"99.50\"}", 422),
        ("POST", "/inventory", "{\"sku\":\"A\",\"name\":\"B\",\"on_hand\":true}", 422),
        ("POST", "/inventory", "{\"sku\":\"A\",\"name\":\"B\",\"quantity_on_hand\":3}", 422),
        ("POST", "/work-orders", "{\"title\":\"x\",\"status\":\"closed\"}", 422),
        ("POST", "/suppliers", "{\"name\":", 400),
        ("POST", "/suppliers", "[1,2]", 400),
        ("GET", "/suppliers?limit=0", "", 400),
        ("GET", "/vendors", "", 404),
        ("GET", "/suppliers/sup_404", "", 404),
        ("PUT", "/suppliers/sup_1", "{}", 405),
    ])
    func badRequestsGetProblems(method: String, target: String, body: String, status: Int) {
        let response = self.call(method, target, body)
        #expect(response.status == status)
        #expect(response.contentType == "application/problem+json")
    }

    /// RFC 9110 §9.3.2 and §15.5.6: HEAD is GET without content, and a 405 names the methods allowed.
    @Test func headAnswersAsGetAndA405NamesTheAllowedMethods() {
        #expect(self.call("HEAD", "/purchase-orders/po_1").body == self.call("GET", "/purchase-orders/po_1").body)
        #expect(self.call("PUT", "/suppliers/sup_1").allow == "GET, HEAD, PATCH, DELETE")
        #expect(self.call("DELETE", "/suppliers").allow == "GET, HEAD, POST")
    }

    @Test func syncsAreQueuedForConnectedConnectionsOnly() {
        let queued = self.call("POST", "/connections/con_1/syncs", "{\"mode\":\"full\",\"entity\":\"purchase_orders\"}")
        #expect(queued.status == 202)
        #expect(
            queued.body
                == "{\"id\":\"sync_1\",\"connection_id\":\"con_1\",\"mode\":\"full\",\"entity\":\"purchase_orders\",\"status\":\"queued\"}"
        )
        #expect(self.call("GET", "/connections/con_1/syncs").body.contains("\"total\":1"))
        let refused = self.call(
            "POST",
            "/connections/con_2/syncs",
            "{\"mode\":\"incremental\",\"entity\":\"inventory\"}"
        )
        #expect(refused.status == 409)
    }

    @Test func disconnectingAConnectionStopsItsSyncs() {
        #expect(self.call("POST", "/connections/con_1/disconnect").body.contains("\"status\":\"disconnected\""))
        #expect(
            self.call("POST", "/connections/con_1/syncs", "{\"mode\":\"full\",\"entity\":\"inventory\"}").status == 409
        )
    }
}
