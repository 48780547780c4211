import Checks
import Foundation
import Testing

/// `examples/traffic/mitmproxy-v1.har` is mitmproxy's own HAR export of a v1 client talking to `versiongate demo`
/// (`examples/traffic/record-mitmproxy-har.sh` records it again).
@Suite struct MitmproxyHARTests {
    static func exchanges() throws -> [RecordedExchange] {
        try TrafficFixtures.read(try TrafficFixtures.recorded("mitmproxy-v1.har"), as: .har, file: "mitmproxy-v1.har")
    }

    @Test func everyRecordedExchangeIsReadInOrder() throws {
        let exchanges = try Self.exchanges()
        #expect(
            exchanges.map { "\($0.method) \($0.target) \($0.status.map(String.init) ?? "-")" } == [
                "GET /vendors 200",
                "GET /vendors/sup_1 200",
                "GET /purchase-orders?vendor_id=sup_1&per_page=5 200",
                "GET /purchase-orders/po_1 200",
                "POST /purchase-orders 201",
                "GET /work-orders 200",
                "PATCH /work-orders/wo_1 200",
                "GET /inventory?api_key=REDACTED 200",
                "GET /inventory/inv_2 200",
                "POST /connections/con_1/sync 202",
                "GET /connections 200",
                "GET /connections/con_1 200",
                "POST /connections/con_2/disconnect 200",
                "GET /vendors/sup_9 404",
            ]
        )
        #expect(exchanges.last?.origin.description == "mitmproxy-v1.har entry 14")
    }

    @Test func everyRequestNamesV1AndCarriesOnlyARedactedToken() throws {
        for exchange in try Self.exchanges() {
            #expect(exchange.requestFields.first { $0.name == "API-Version" }?.value == "v1")
            #expect(exchange.requestFields.first { $0.name == "Authorization" }?.value == "Bearer REDACTED")
            #expect(exchange.responseFields.first { $0.name == "API-Version" }?.value == "v1")
        }
    }

    @Test func bodiesDecodeAsTheJSONAV1ClientSentAndGot() throws {
        let exchanges = try Self.exchanges()
        for exchange in exchanges {
            let body = try #require(exchange.responseBody, "\(exchange.origin)")
            #expect(throws: Never.self, "\(exchange.origin)") { try JSONSerialization.jsonObject(with: Data(body)) }
        }
        let created = try Self.object(exchanges[4].requestBody)
        #expect(created["vendor_id"] as? String == "sup_2")
        #expect(created["total"] as? String == "12.00")
        let order = try Self.object(exchanges[3].responseBody)
        #expect(order["vendor_id"] as? String == "sup_1")
        #expect(order["created"] as? Int == 1_768_469_400)
        let workOrders = try #require(try Self.object(exchanges[5].responseBody)["results"] as? [[String: Any]])
        #expect(workOrders.map { $0["status"] as? String } == ["open", "closed"])
        #expect(try Self.object(exchanges[9].requestBody)["full"] as? Bool == true)
        #expect(exchanges[12].requestBody == nil, "an empty POST has no body")
    }

    private static func object(_ body: [UInt8]?) throws -> [String: Any] {
        let body = try #require(body)
        return try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
    }
}
