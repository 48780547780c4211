import Gateway
import TestSupport
import Testing
import Versioning

/// Responses to a client of another version than the upstream's: the head decides whether a change may concern
/// the body. A successful JSON body is held to be translated; any other (a CSV export, a file, an error) is relayed
/// as it arrives, in the upstream's coding when the client takes it, with the head's changes made all the same.
@Suite(.timeLimit(.minutes(1))) struct RelayAcrossVersionsLiveTests {
    /// A v2 upstream holding bodies to 1 MB.
    private static func v2WithSmallLimit(_ configuration: inout GatewayConfiguration) {
        configuration.upstreamVersion = VersionName("v2")
        configuration.limits.maxBodyBytes = 1 << 20
    }

    @Test func aV1DownloadOfAnotherMediaTypeIsRelayedPastTheLimit() async throws {
        try await withLiveGateway(configure: Self.v2WithSmallLimit) { gateway in
            let response = try gateway.client().request("GET", "/stream/20000000", headers: [("API-Version", "v1")])
            #expect(response.status == 200)
            #expect(response.header("API-Version") == "v1")
            #expect(response.header("Content-Length") == "20000000")
            #expect(response.body.count == 20_000_000)
            #expect(response.body.withUnsafeBytes { EchoUpstream.patternMatches($0, at: 0) })
        }
    }

    /// A JSON body past the limit is still held, and refused: its translation would need all of it.
    @Test func aV1JSONBodyPastTheLimitIsStillHeldAndRefused() async throws {
        try await withLiveGateway(configure: Self.v2WithSmallLimit) { gateway in
            let response = try gateway.client().request(
                "GET",
                "/json-string/2000000",
                headers: [("API-Version", "v1")]
            )
            #expect(response.status == 502)
            #expect(response.header("Content-Type") == "application/problem+json")
        }
    }

    /// A client that takes gzip gets the upstream's gzip bytes as they are; one that does not has identity asked of
    /// the upstream for it, so its body is relayed too.
    @Test(arguments: [true, false])
    func aCodedBodyOfAnotherMediaTypeIsRelayedInTheCodingTheClientTakes(acceptsGzip: Bool) async throws {
        try await withLiveGateway(configure: Self.v2WithSmallLimit) { gateway in
            var headers = [("API-Version", "v1")]
            if acceptsGzip { headers.append(("Accept-Encoding", "gzip")) }
            let response = try gateway.client().request("GET", "/gzip?csv", headers: headers)
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "text/csv")
            if acceptsGzip {
                #expect(response.header("Content-Encoding") == "gzip")
                #expect(response.body == EchoUpstream.gzippedJSON)
            } else {
                #expect(response.header("Content-Encoding") == nil)
                #expect(response.body == Array(EchoUpstream.plainJSON.utf8))
            }
            // A gzip body depends on the client's Accept-Encoding; this upstream sends no Vary of its own.
            #expect(response.headers.contains { $0.0 == "Vary" && $0.1.contains("Accept-Encoding") } == acceptsGzip)
        }
    }

    /// A v1 upload streamed over a second and a half, past the 0.5 s upstream timeout: the upstream's time starts
    /// when the body has gone, since the client sets the pace of the upload (bounded by `--body-timeout`).
    @Test func aSlowUploadDoesNotCountAgainstTheUpstreamTimeout() async throws {
        let configure: (inout GatewayConfiguration) -> Void = {
            $0.upstreamVersion = VersionName("v2")
            $0.upstreamTimeoutSeconds = 0.5
        }
        try await withLiveGateway(configure: configure) { gateway in
            let client = try gateway.client()
            try client.send(
                "PUT /echo/import?summary HTTP/1.1\r\nHost: x\r\nAPI-Version: v1\r\nContent-Type: text/csv\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n"
            )
            for _ in 0..<6 {
                try client.send("4\r\na,b\n\r\n")
                try await Task.sleep(for: .milliseconds(250))
            }
            try client.send("0\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200, "\(response.text)")
            let body = Array([[UInt8]](repeating: Array("a,b\n".utf8), count: 6).joined())
            #expect(response.header("X-Echo-Body-Digest") == EchoUpstream.digest(body))
        }
    }

    /// `/drip/30` takes 1.5 s, a byte every 50 ms, against a 0.5 s upstream timeout: a v1 client's JSON body must be
    /// whole within it, since it is held; a v2 client's is relayed, and only must not fall silent.
    @Test(arguments: ["v1", "v2"])
    func aHeldBodyMustArriveWithinTheUpstreamTimeoutARelayedOneNeedNot(version: String) async throws {
        let configure: (inout GatewayConfiguration) -> Void = {
            $0.upstreamVersion = VersionName("v2")
            $0.upstreamTimeoutSeconds = 0.5
        }
        try await withLiveGateway(configure: configure) { gateway in
            let response = try gateway.client().request("GET", "/drip/30", headers: [("API-Version", version)])
            if version == "v1" {
                #expect(response.status == 504)
                #expect(response.text.contains("upstream-timeout"))
            } else {
                #expect(response.status == 200)
                #expect(response.body == EchoUpstream.jsonString(count: 30))
            }
        }
    }
}
