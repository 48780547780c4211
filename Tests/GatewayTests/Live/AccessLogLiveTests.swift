import Foundation
import Gateway
import TestSupport
import Testing
import Versioning

/// The access log of a real gateway: a line per request to the API, with its request id sent upstream.
@Suite struct AccessLogLiveTests {
    /// Runs `body` against a gateway logging JSON lines, and returns the lines once it stopped.
    private func logged(_ body: (LiveGateway) throws -> Void) async throws -> [[String: Any]] {
        let sink = AccessLogSink(format: .json)
        try await withLiveGateway(threads: 2) { configuration in
            configuration.upstreamVersion = VersionName("v2")
            configuration.accessLog = sink
        } _: { gateway in
            try body(gateway)
        }
        let text = String(decoding: sink.take().buffers.joined(), as: UTF8.self)
        return try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    /// A download the client abandons mid-body (a v2 client's, relayed as it arrives) is logged with what it got.
    @Test func anAbandonedDownloadIsLoggedWithTheBytesItGot() async throws {
        let lines = try await self.logged { gateway in
            var client: RawHTTPClient? = try RawHTTPClient(port: gateway.port, receiveBufferBytes: 64 * 1024)
            try client?.send("GET /stream/100000000 HTTP/1.1\r\nHost: x\r\nAPI-Version: v2\r\n\r\n")
            #expect(try client?.readResponse(headOnly: true).status == 200)
            client = nil
            for _ in 0..<500 where gateway.upstream.closedConnections == 0 { usleep(10_000) }
        }
        let line = try #require(lines.first)
        #expect(line["status"] as? Int == 200)
        let bytes = try #require(line["bytes_out"] as? Int)
        #expect(bytes > 0 && bytes < 100_000_000, "\(bytes)")
    }

    @Test func eachRequestToTheAPIGetsOneLineAndItsIDGoesUpstream() async throws {
        var echoedIDs: [String?] = []
        let lines = try await self.logged { gateway in
            let client = try gateway.client()
            let sent = try client.request(
                "GET",
                "/vendors/ven_1",
                headers: [("API-Version", "v1"), ("X-Request-ID", "req-from-client"), ("X-Echo-Fields", "yes")]
            )
            echoedIDs.append(sent.header("X-Echo-X-Request-ID"))
            let made = try client.request("GET", "/purchase-orders", headers: [("X-Echo-Fields", "yes")])
            echoedIDs.append(made.header("X-Echo-X-Request-ID"))
            #expect(try client.request("GET", "/x", headers: [("API-Version", "v9")]).status == 400)
            #expect(try client.request("GET", "/_versiongate/health").status == 200)
        }
        #expect(lines.count == 3, "health checks are the gateway's own, not logged")
        #expect(echoedIDs[0] == "req-from-client")
        let made = try #require(echoedIDs[1])
        #expect(made.utf8.count == 16)
        #expect(
            lines.map { $0["request_id"] as? String } == ["req-from-client", made, lines[2]["request_id"] as? String]
        )
        #expect(lines[0]["route"] as? String == "/vendors/…")
        #expect(lines[0]["requested_version"] as? String == "v1")
        #expect(lines[0]["served_version"] as? String == "v1")
        #expect(lines[0]["status"] as? Int == 200)
        #expect(lines[0]["upstream_status"] as? Int == 200)
        #expect(lines[0]["upstream_duration_ms"] is Double)
        #expect(lines[2]["status"] as? Int == 400)
        #expect(lines[2]["upstream_status"] == nil)
    }

    @Test func anUpstreamFailureIsLoggedWithItsCause() async throws {
        // A port held without listening: connections are refused, and no test running beside can take it.
        let refusing = try ListeningTCPSocket(listening: false)
        let sink = AccessLogSink(format: .text)
        try await withLiveGateway(upstreamURL: "http://127.0.0.1:\(refusing.port)") { configuration in
            configuration.accessLog = sink
        } _: { gateway in
            let response = try gateway.client().request("GET", "/orders")
            #expect(response.status == 502)
        }
        withExtendedLifetime(refusing) {}
        let line = String(decoding: sink.take().buffers.joined(), as: UTF8.self)
        #expect(line.contains(" level=warning "))
        #expect(line.contains(" status=502 "))
        #expect(line.contains(" error="))
    }

    @Test func aBearerTokenNeverReachesTheLog() async throws {
        let token = "vg_live_never_in_a_log_line_0123456789"
        let lines = try await self.logged { gateway in
            let response = try gateway.client().request(
                "GET",
                "/orders",
                headers: [("Authorization", "Bearer \(token)")]
            )
            #expect(response.status == 200)
        }
        #expect((lines.first?["client"] as? String)?.hasPrefix("fp_") == true)
        #expect(!"\(lines)".contains(token))
    }
}
