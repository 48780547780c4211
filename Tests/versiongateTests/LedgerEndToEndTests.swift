import Foundation
import TestSupport
import Testing

/// The usage ledger end to end: a real `demo` (sample API and gateway) counting into a real store, stopped with
/// SIGTERM, then read back with `versiongate report deprecations`.
@Suite struct LedgerEndToEndTests {
    /// A token the tests send; it must never be written anywhere.
    static let token = "vg_test_e2e_Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA"

    /// Sends the same mix of requests to the gateway on `port`: 11 requests from 4 clients over v1 and v2, some
    /// translated, some 4xx.
    static func sendTraffic(to port: Int) throws {
        let acme = try RawHTTPClient(port: port)
        for _ in 0..<4 {
            let response = try acme.request(
                "GET",
                "/vendors/sup_1",
                headers: [("API-Version", "v1"), ("X-Client-ID", "acme")]
            )
            #expect(response.status == 200)
        }
        let bearer = try RawHTTPClient(port: port)
        for _ in 0..<3 {
            let response = try bearer.request(
                "GET",
                "/purchase-orders",
                headers: [("API-Version", "v2"), ("Authorization", "Bearer \(Self.token)")]
            )
            #expect(response.status == 200)
        }
        let anonymous = try RawHTTPClient(port: port)
        for _ in 0..<2 { #expect(try anonymous.request("GET", "/inventory").status == 200) }
        #expect(try anonymous.request("GET", "/inventory", headers: [("API-Version", "v9")]).status == 400)
        let globex = try RawHTTPClient(port: port)
        let missing = try globex.request("GET", "/purchase-orders/po_missing", headers: [("X-Client-ID", "globex")])
        #expect(missing.status == 404)
    }

    /// The JSON report of `store`, read as a tool would.
    static func report(_ store: String, in directory: URL) throws -> [String: Any] {
        let (status, output) = try runVersiongate(
            [
                "report", "deprecations", "--store", store, "--versions", repositoryVersions, "--format", "json",
                "--all",
            ],
            in: directory
        )
        #expect(status == 0, "\(output)")
        #expect(!output.contains(Self.token))
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    /// What `report` says each version served and what each client sent, checked to the request.
    static func expectCounts(_ report: [String: Any], times: Int = 1) throws {
        #expect(report["schema"] as? String == "versiongate.report/1")
        #expect(report["total_requests"] as? Int == 11 * times)
        let versions = try #require(report["versions"] as? [[String: Any]])
        let served = Dictionary(
            uniqueKeysWithValues: versions.map { ($0["name"] as? String ?? "", $0["requests"] as? Int ?? -1) }
        )
        #expect(served == ["v1": 8 * times, "v2": 3 * times])
        let atRisk = try #require(report["at_risk"] as? [[String: Any]])
        let byClient = Dictionary(grouping: atRisk) { $0["client"] as? String ?? "" }
        #expect(byClient["acme"]?.first?["requests"] as? Int == 4 * times)
        #expect(byClient["anonymous"]?.first?["requests"] as? Int == 3 * times)
        #expect(byClient["globex"]?.first?["requests"] as? Int == 1 * times)
        let fingerprints = byClient.keys.filter { $0.hasPrefix("fp_") }
        #expect(fingerprints.count == 1)
        #expect(fingerprints.first.flatMap { byClient[$0]?.first?["requests"] as? Int } == 3 * times)
        let acmeChanges = try #require(byClient["acme"]?.first?["changes"] as? [[String: Any]])
        let renamed = acmeChanges.first { $0["id"] as? String == "vendors-are-suppliers" }
        #expect(renamed?["count"] as? Int == 4 * times)
        #expect(renamed?["version"] as? String == "v2")
        let endpoints = try #require(byClient["globex"]?.first?["endpoints"] as? [[String: Any]])
        #expect(endpoints.map { $0["route"] as? String } == ["/purchase-orders/{id}"])
    }

    @Test func everyRequestIsInTheSQLiteLedgerAfterAGracefulStopAndNoTokenAnywhere() throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = "sqlite:" + directory.appendingPathComponent("ledger.db").path
        // A long interval: only the flush at stop can have written these counts.
        let demo = try RunningVersiongate(
            ["demo", "--port", "0", "--upstream-port", "0", "--store", store, "--flush-interval", "3600"],
            in: directory
        )
        try Self.sendTraffic(to: demo.port)
        #expect(demo.stop() == 0)
        let log = demo.remainingOutput()
        #expect(!log.contains(Self.token))
        try Self.expectCounts(try Self.report(store, in: directory))
        for format in ["text", "markdown", "html"] {
            let (status, output) = try runVersiongate(
                ["report", "deprecations", "--store", store, "--versions", repositoryVersions, "--format", format],
                in: directory
            )
            #expect(status == 0)
            #expect(!output.contains(Self.token))
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let bytes = try Data(contentsOf: directory.appendingPathComponent(file))
            #expect(bytes.range(of: Data(Self.token.utf8)) == nil, "\(file) holds the raw token")
        }
    }
}
