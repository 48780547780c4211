import Gateway
import TestSupport
import Testing
import Versioning

@Suite("Problem responses from a live gateway")
struct ProblemLiveTests {
    @Test func unknownVersionIs400ListingTheSupportedOnes() async throws {
        try await withLiveGateway { gateway in
            let response = try gateway.client().request("GET", "/echo/x", headers: [("API-Version", "v7")])
            #expect(response.status == 400)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.text.contains("\"supported_versions\":[\"v1\",\"v2\"]"))
            #expect(response.header("API-Version") == "v1")
            #expect(gateway.upstream.requestsReceived == 0)
        }
    }

    @Test func namedVersionIsServedAndStamped() async throws {
        try await withLiveGateway { gateway in
            let response = try gateway.client().request("GET", "/echo/x", headers: [("API-Version", "v2")])
            #expect(response.status == 200)
            #expect(response.header("API-Version") == "v2")
        }
    }

    /// A body the gateway must read (to translate it, from v1 for a v2 upstream) is held to `--max-body-bytes`; one
    /// that streams through untranslated is not (RelayLiveTests).
    private static func limitTranslatedBodies(to bytes: Int) -> (inout GatewayConfiguration) -> Void {
        { configuration in
            configuration.limits.maxBodyBytes = bytes
            configuration.upstreamVersion = VersionName("v2")
        }
    }

    @Test func oversizedBodyIs413BeforeAnyOfItIsRead() async throws {
        try await withLiveGateway(configure: Self.limitTranslatedBodies(to: 1000)) { gateway in
            let client = try gateway.client()
            try client.send("POST /echo/big HTTP/1.1\r\nHost: t\r\nAPI-Version: v1\r\nContent-Length: 1001\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(gateway.upstream.requestsReceived == 0)
        }
    }

    @Test func oversizedChunkedBodyIs413() async throws {
        try await withLiveGateway(configure: Self.limitTranslatedBodies(to: 10)) { gateway in
            let client = try gateway.client()
            try client.send(
                "POST /echo/big HTTP/1.1\r\nHost: t\r\nAPI-Version: v1\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "6\r\nabcdef\r\n6\r\nghijkl\r\n"
            )
            #expect(try client.readResponse().status == 413)
        }
    }

    @Test func unreachableUpstreamIs502() async throws {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        try await withLiveGateway(upstreamURL: "http://127.0.0.1:1") { gateway in
            let response = try gateway.client().request("GET", "/anything")
            #expect(response.status == 502)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.text.contains("upstream-unreachable"))
        }
    }

    @Test func slowUpstreamIs504() async throws {
        let configure: (inout GatewayConfiguration) -> Void = { $0.upstreamTimeoutSeconds = 0.2 }
        try await withLiveGateway(configure: configure) { gateway in
            let client = try gateway.client()
            let response = try client.request("GET", "/delay/3000")
            #expect(response.status == 504)
            #expect(response.text.contains("upstream-timeout"))
            // The connection stays usable after a timeout.
            #expect(try client.request("GET", "/echo/after").status == 200)
        }
    }

    @Test func malformedRequestIs400ProblemAndCloses() async throws {
        try await withLiveGateway { gateway in
            let client = try gateway.client()
            try client.send("GET /x HTTP/1.1\r\nHost: t\r\nBad Header: v\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(response.text.contains("malformed-request"))
            #expect(try client.serverClosed())
        }
    }

    @Test func healthAnswersWithoutTheUpstream() async throws {
        try await withLiveGateway { gateway in
            let response = try gateway.client().request("GET", "/_versiongate/health")
            #expect(response.status == 200)
            #expect(
                response.text
                    == #"{"status":"ok","versions":["v1","v2"],"#
                    + #""upstreams":[{"serves":["v1","v2"],"speaks":["v1"],"state":"unknown"}]}"#
            )
            #expect(gateway.upstream.requestsReceived == 0)
        }
    }
}
