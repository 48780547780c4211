import TestSupport
import Testing

/// Translation checked against bodies written by hand, not by the translator: an upstream speaking v1 answers fixed
/// v1 bytes, and a v2 client must get exactly the v2 document the manifests describe. The demo's sample API
/// translates with the gateway's own translator, so two mirror-image mistakes could cancel out there; here they
/// cannot. A path or query translated wrongly reaches no fixture and fails as a 404. Writes are checked both ways:
/// the body the backend receives, and the answer the client gets.
@Suite(.timeLimit(.minutes(1))) struct TranslationOracleTests {
    /// v1 as a backend would write it: `vendor_id`, a flat total, unix-seconds `created`, `closed`,
    /// `quantity_on_hand`, and the `results`/`count` envelope.
    private static let v1Bodies = [
        "/vendors/sup_1": #"{"id":"sup_1","name":"Acme Industrial","created":1768469400}"#,
        "/purchase-orders/po_1":
            #"{"id":"po_1","number":"PO-1001","vendor_id":"sup_1","status":"submitted","total":"99.50","currency":"EUR","created":1768469400}"#,
        "/work-orders/wo_1": #"{"id":"wo_1","title":"Pump","status":"closed","created":1772348400}"#,
        "/inventory/inv_1": #"{"id":"inv_1","sku":"PMP-1","quantity_on_hand":99}"#,
        "/vendors?per_page=1": #"{"results":[{"id":"sup_1","name":"Acme","created":1768469400}],"count":2}"#,
        "/purchase-orders?vendor_id=sup_1":
            #"{"results":[{"id":"po_1","vendor_id":"sup_1","total":"5.00","currency":"USD"}],"count":1}"#,
    ]

    /// Each v2 request, and the v2 document v2.yaml's changes make of the v1 body above, worked out by hand.
    private static let expected: [(target: String, body: String)] = [
        ("/suppliers/sup_1", #"{"id":"sup_1","name":"Acme Industrial","created_at":"2026-01-15T09:30:00Z"}"#),
        (
            "/purchase-orders/po_1",
            #"{"id":"po_1","number":"PO-1001","supplier_id":"sup_1","status":"submitted","total":{"amount":"99.50","currency":"EUR"},"created_at":"2026-01-15T09:30:00Z"}"#
        ),
        (
            "/work-orders/wo_1",
            #"{"id":"wo_1","title":"Pump","status":"completed","created_at":"2026-03-01T07:00:00Z"}"#
        ),
        ("/inventory/inv_1", #"{"id":"inv_1","sku":"PMP-1","on_hand":99}"#),
        (
            "/suppliers?limit=1",
            #"{"data":[{"id":"sup_1","name":"Acme","created_at":"2026-01-15T09:30:00Z"}],"meta":{"total":2}}"#
        ),
        (
            "/purchase-orders?supplier_id=sup_1",
            #"{"data":[{"id":"po_1","supplier_id":"sup_1","total":{"amount":"5.00","currency":"USD"}}],"meta":{"total":1}}"#
        ),
    ]

    @Test func aV2ClientGetsTheV2DocumentOfFixedV1Bytes() async throws {
        let upstream = try await ScriptedUpstream.start(answering: Self.v1Bodies)
        let gateway = try RunningVersiongate([
            "serve", "--port", "0", "--upstream", upstream.url, "--upstream-version", "v1", "--versions",
            repositoryVersions, "--store", "off",
        ])
        for (target, body) in Self.expected {
            let response = try RawHTTPClient(port: gateway.port).request(
                "GET",
                target,
                headers: [("API-Version", "v2")]
            )
            #expect(response.status == 200, "\(target): \(response.text)")
            #expect(sameJSON(response.body, Array(body.utf8)), "\(target): \(response.text)")
        }
        #expect(gateway.stop() == 0)
        try await upstream.stop()
    }

    /// A v2 write, the v1 request a backend must get for it (worked out by hand), and the v1 answer it gives.
    private struct Write {
        let method: String
        let v2Target: String
        let v2Body: String
        let v1Target: String
        let v1Body: String
        let v1Answer: String
        let v2Answer: String
    }

    private static let writes = [
        Write(
            method: "POST",
            v2Target: "/purchase-orders",
            v2Body:
                #"{"supplier_id":"sup_1","total":{"amount":"12.00","currency":"USD"},"created_at":"2026-01-15T09:30:00Z"}"#,
            v1Target: "/purchase-orders",
            v1Body: #"{"vendor_id":"sup_1","total":"12.00","currency":"USD","created":1768469400}"#,
            v1Answer: #"{"id":"po_9","vendor_id":"sup_1","total":"12.00","currency":"USD","created":1768469400}"#,
            v2Answer:
                #"{"id":"po_9","supplier_id":"sup_1","total":{"amount":"12.00","currency":"USD"},"created_at":"2026-01-15T09:30:00Z"}"#
        ),
        Write(
            method: "POST",
            v2Target: "/connections/con_1/syncs",
            v2Body: #"{"mode":"incremental"}"#,
            v1Target: "/connections/con_1/sync",
            v1Body: #"{"full":false}"#,
            v1Answer: #"{"id":"sync_1","full":true}"#,
            v2Answer: #"{"id":"sync_1","mode":"full"}"#
        ),
        Write(
            method: "PATCH",
            v2Target: "/work-orders/wo_1",
            v2Body: #"{"status":"completed"}"#,
            v1Target: "/work-orders/wo_1",
            v1Body: #"{"status":"closed"}"#,
            v1Answer: #"{"id":"wo_1","status":"closed"}"#,
            v2Answer: #"{"id":"wo_1","status":"completed"}"#
        ),
        Write(
            method: "PUT",
            v2Target: "/suppliers/sup_1",
            v2Body: #"{"name":"Acme","created_at":"2026-03-01T07:00:00Z"}"#,
            v1Target: "/vendors/sup_1",
            v1Body: #"{"name":"Acme","created":1772348400}"#,
            v1Answer: #"{"id":"sup_1","name":"Acme","created":1772348400}"#,
            v2Answer: #"{"id":"sup_1","name":"Acme","created_at":"2026-03-01T07:00:00Z"}"#
        ),
    ]

    @Test func aV2WriteReachesTheBackendAsTheV1RequestAndItsAnswerComesBackInV2() async throws {
        let upstream = try await ScriptedUpstream.start { request in
            let write = Self.writes.first { $0.method == request.method && $0.v1Target == request.target }
            guard let write else { return .init(status: 404, body: Array(#"{"error":"not found"}"#.utf8)) }
            return .init(status: 201, fields: [("Content-Type", "application/json")], body: Array(write.v1Answer.utf8))
        }
        let gateway = try RunningVersiongate([
            "serve", "--port", "0", "--upstream", upstream.url, "--upstream-version", "v1", "--versions",
            repositoryVersions, "--store", "off",
        ])
        for write in Self.writes {
            let response = try RawHTTPClient(port: gateway.port).request(
                write.method,
                write.v2Target,
                headers: [("API-Version", "v2"), ("Content-Type", "application/json")],
                body: Array(write.v2Body.utf8)
            )
            #expect(response.status == 201, "\(write.v2Target): \(response.text)")
            #expect(sameJSON(response.body, Array(write.v2Answer.utf8)), "\(write.v2Target): \(response.text)")
            let received = try #require(upstream.requests.last)
            #expect(received.target == write.v1Target)
            #expect(sameJSON(received.body, Array(write.v1Body.utf8)), "\(write.v1Target)")
        }
        #expect(gateway.stop() == 0)
        try await upstream.stop()
    }
}
