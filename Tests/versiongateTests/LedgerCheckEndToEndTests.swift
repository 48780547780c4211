import Foundation
import TestSupport
import Testing

/// The same v1 requests, sent through the demo, checked two ways: from the traffic a client recorded and from what
/// the gateway's ledger recorded of it. Both must name the same changes with the same counts.
@Suite struct LedgerCheckEndToEndTests {
    /// v1 requests that hit changes of every kind (path, query, request body, response body, values, envelope) and
    /// some that hit none.
    private static let requests: [(method: String, target: String, body: String?)] = [
        ("GET", "/vendors/sup_1", nil),
        ("GET", "/purchase-orders?vendor_id=sup_1&per_page=5", nil),
        ("GET", "/purchase-orders/po_1", nil),
        ("POST", "/purchase-orders", #"{"number":"PO-9","vendor_id":"sup_1","total":"10.00","currency":"EUR"}"#),
        ("GET", "/work-orders", nil),
        ("GET", "/inventory", nil),
        ("POST", "/connections/con_1/sync", #"{"full":true,"entity":"purchase_orders"}"#),
        ("GET", "/connections/con_1", nil),
    ]

    @Test func ledgerAndTrafficChecksAgreeForTheSameRequests() throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledger = "sqlite:" + directory.appendingPathComponent("ledger.db").path
        let gateway = try RunningVersiongate(
            ["demo", "--port", "0", "--upstream-port", "0", "--store", ledger],
            in: directory
        )
        var lines: [String] = []
        for (index, request) in Self.requests.enumerated() {
            var headers = [("API-Version", "v1"), ("X-Client-ID", "acme")]
            // One request previews v2: the ledger counts it as previewed, and its changes once.
            if index == 0 { headers.append(("API-Version-Preview", "v2")) }
            if request.body != nil { headers.append(("Content-Type", "application/json")) }
            let response = try RawHTTPClient(port: gateway.port).request(
                request.method,
                request.target,
                headers: headers,
                body: request.body.map { Array($0.utf8) }
            )
            #expect((200..<300).contains(response.status), "\(request.target): \(response.text)")
            lines.append(try Self.jsonLine(request, headers: headers, response: response))
        }
        #expect(gateway.stop() == 0)
        let traffic = directory.appendingPathComponent("acme.jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: traffic)

        let fromTraffic = try self.check(["--traffic", traffic.path])
        let fromLedger = try self.check(["--client", "acme", "--store", ledger, "--since", "1d"])
        #expect(Self.counts(fromTraffic, "hits").count >= 10)
        #expect(Self.counts(fromTraffic, "hits") == Self.counts(fromLedger, "hits"))
        #expect(Self.counts(fromTraffic, "safe").keys.sorted() == Self.counts(fromLedger, "safe").keys.sorted())
        let source = (fromLedger["source"] as? [String: Any])?["ledger"] as? [String: Any]
        #expect(source?["evaluated"] as? Int == Self.requests.count)
        #expect(source?["previewed"] as? Int == 1)
    }

    /// `check client --format json` from v1 to v2 with `arguments`, parsed; it must exit 1 (changes hit).
    private func check(_ arguments: [String]) throws -> [String: Any] {
        let (status, output) = try runVersiongate(
            ["check", "client", "--from", "v1", "--to", "v2", "--versions", repositoryVersions, "--format", "json"]
                + arguments
        )
        #expect(status == 1, "\(arguments): \(output)")
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    /// Change id → requests, for one list of a check's JSON.
    private static func counts(_ check: [String: Any], _ list: String) -> [String: Int] {
        let changes = check[list] as? [[String: Any]] ?? []
        return Dictionary(
            uniqueKeysWithValues: changes.map { ($0["id"] as? String ?? "", $0["requests"] as? Int ?? -1) }
        )
    }

    /// The exchange as a line of JSON lines (docs/traffic-format.md), the way a client would record it.
    private static func jsonLine(
        _ request: (method: String, target: String, body: String?),
        headers: [(String, String)],
        response: RawResponse
    ) throws -> String {
        var line: [String: Any] = [
            "method": request.method,
            "path": request.target,
            "request_headers": Dictionary(headers, uniquingKeysWith: { first, _ in first }),
            "status": response.status,
            "response_headers": Dictionary(response.headers, uniquingKeysWith: { first, _ in first }),
            "response_body": response.text,
        ]
        if let body = request.body { line["request_body"] = body }
        return String(decoding: try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]), as: UTF8.self)
    }
}
