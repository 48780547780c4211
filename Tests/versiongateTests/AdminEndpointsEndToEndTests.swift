import Foundation
import TestSupport
import Testing

/// The protected admin endpoints of a running `demo`: the deprecation report and the Prometheus metrics, behind
/// the admin token from the environment.
@Suite struct AdminEndpointsEndToEndTests {
    static let adminToken = "admin-token-for-tests-0123456789"

    private func demo(_ extra: [String] = [], environment: [String: String]) throws -> (RunningVersiongate, URL) {
        let directory = try TemporaryDirectory.make()
        let demo = try RunningVersiongate(
            ["demo", "--port", "0", "--upstream-port", "0", "--flush-interval", "0.2"] + extra,
            environment: environment,
            in: directory
        )
        return (demo, directory)
    }

    /// Polls `target` with the admin token until `ready` holds for its body (the flusher writes every 0.2 s).
    private func poll(_ port: Int, _ target: String, until ready: (String) -> Bool) throws -> RawResponse {
        let client = try RawHTTPClient(port: port)
        for _ in 0..<100 {
            let response = try client.request("GET", target, headers: [("Authorization", "Bearer \(Self.adminToken)")])
            if ready(response.text) { return response }
            usleep(50_000)
        }
        Issue.record("\(target) never showed what was expected")
        return try client.request("GET", target, headers: [("Authorization", "Bearer \(Self.adminToken)")])
    }

    @Test func theReportNeedsTheAdminTokenAndServesTheLedgerAsJSON() throws {
        let (demo, directory) = try self.demo(environment: ["VERSIONGATE_ADMIN_TOKEN": Self.adminToken])
        defer { try? FileManager.default.removeItem(at: directory) }
        try LedgerEndToEndTests.sendTraffic(to: demo.port)
        let client = try RawHTTPClient(port: demo.port)
        let anonymous = try client.request("GET", "/_versiongate/report")
        #expect(anonymous.status == 401)
        #expect(anonymous.header("Content-Type") == "application/problem+json")
        #expect(anonymous.header("WWW-Authenticate") == #"Bearer realm="versiongate""#)
        let wrong = try client.request("GET", "/_versiongate/report", headers: [("Authorization", "Bearer nope-nope")])
        #expect(wrong.status == 401)
        #expect(wrong.header("WWW-Authenticate") == #"Bearer realm="versiongate", error="invalid_token""#)
        #expect(!wrong.text.contains("nope-nope"))
        let report = try self.poll(demo.port, "/_versiongate/report") { $0.contains(#""total_requests": 11"#) }
        #expect(report.status == 200)
        #expect(report.header("Content-Type") == "application/json")
        #expect(report.text.contains(#""schema": "versiongate.report/1""#))
        #expect(!report.text.contains(LedgerEndToEndTests.token))
        #expect(demo.stop() == 0)
        #expect(!demo.remainingOutput().contains(Self.adminToken))
    }

    @Test func metricsCountRequestsByVersionsMethodAndStatusClassAndChangesById() throws {
        let (demo, directory) = try self.demo(environment: ["VERSIONGATE_ADMIN_TOKEN": Self.adminToken])
        defer { try? FileManager.default.removeItem(at: directory) }
        try LedgerEndToEndTests.sendTraffic(to: demo.port)
        #expect(try RawHTTPClient(port: demo.port).request("GET", "/_versiongate/metrics").status == 401)
        // A scrape may land while the flusher publishes one hand-over: wait for the last series it publishes.
        let metrics = try self.poll(demo.port, "/_versiongate/metrics") {
            $0.contains("versiongate_changes_applied_total")
                && $0.contains("versiongate_upstream_request_duration_seconds_bucket")
        }
        #expect(metrics.status == 200)
        #expect(metrics.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        let text = metrics.text
        #expect(
            text.contains(
                #"versiongate_requests_total{requested_version="v1",served_version="v1",method="GET",status_class="2xx"} 4"#
            )
        )
        #expect(text.contains(#"versiongate_changes_applied_total{version="v2",change="vendors-are-suppliers"} 4"#))
        #expect(text.contains("versiongate_upstream_request_duration_seconds_bucket"))
        #expect(!text.contains("acme"), "client ids are never labels")
        #expect(!text.contains(LedgerEndToEndTests.token))
        #expect(demo.stop() == 0)
    }

    @Test func onlyGetOrHeadWithExactlyOneAdminCredentialPasses() throws {
        let (demo, directory) = try self.demo(environment: ["VERSIONGATE_ADMIN_TOKEN": Self.adminToken])
        defer { try? FileManager.default.removeItem(at: directory) }
        let client = try RawHTTPClient(port: demo.port)
        let right = ("Authorization", "Bearer \(Self.adminToken)")
        let post = try client.request("POST", "/_versiongate/metrics", headers: [right], body: [])
        #expect(post.status == 405)
        #expect(post.header("Allow") == "GET, HEAD")
        let twice = try RawHTTPClient(port: demo.port).request(
            "GET",
            "/_versiongate/metrics",
            headers: [right, ("Authorization", "Bearer wrong-wrong-wrong")]
        )
        #expect(twice.status == 401)
        #expect(demo.stop() == 0)
    }

    @Test func withoutATokenOrPublicMetricsNeitherProtectedEndpointIsThere() throws {
        let (demo, directory) = try self.demo(environment: [:])
        defer { try? FileManager.default.removeItem(at: directory) }
        for path in ["/_versiongate/metrics", "/_versiongate/report"] {
            #expect(try RawHTTPClient(port: demo.port).request("GET", path).status == 404)
        }
        #expect(demo.stop() == 0)
    }

    @Test func publicMetricsNeedNoTokenAndAReportWithoutAnAdminTokenIsNotThere() throws {
        let (demo, directory) = try self.demo(["--metrics-public"], environment: [:])
        defer { try? FileManager.default.removeItem(at: directory) }
        let client = try RawHTTPClient(port: demo.port)
        #expect(try client.request("GET", "/_versiongate/metrics").status == 200)
        let report = try client.request("GET", "/_versiongate/report")
        #expect(report.status == 404)
        #expect(report.header("Content-Type") == "application/problem+json")
        #expect(demo.stop() == 0)
    }

    @Test func aShortAdminTokenStopsTheGatewayInOneLine() throws {
        let (status, output) = try runVersiongate(
            ["demo", "--port", "0", "--upstream-port", "0", "--store", "off"],
            environment: ["VERSIONGATE_ADMIN_TOKEN": "short"]
        )
        #expect(status == 1)
        #expect(output == "versiongate: the admin token must have at least 16 characters\n")
    }
}
