import Gateway
import TestSupport
import Testing
import Versioning

/// Content codings through a live gateway whose upstream speaks v2 and encodes with gzip when asked.
@Suite("Content codings through a live gateway")
struct ContentCodingLiveTests {
    private static func upstreamSpeaksV2(_ configuration: inout GatewayConfiguration) {
        configuration.upstreamVersion = VersionName("v2")
    }

    @Test func aGzippedBodyIsDecodedTranslatedAndSentAsIdentity() async throws {
        try await withLiveGateway(configure: Self.upstreamSpeaksV2) { gateway throws in
            let response = try gateway.client().request(
                "GET",
                "/gzip",
                headers: [("API-Version", "v1"), ("Accept-Encoding", "gzip, deflate")]
            )
            #expect(response.status == 200)
            #expect(response.header("Content-Encoding") == nil)
            #expect(response.text == #"{"id":"po_1","created":1768469400}"#)
        }
    }

    @Test func aPassedThroughBodyKeepsItsCodingByteForByte() async throws {
        try await withLiveGateway(configure: Self.upstreamSpeaksV2) { gateway throws in
            let response = try gateway.client().request(
                "GET",
                "/gzip",
                headers: [("API-Version", "v2"), ("Accept-Encoding", "gzip")]
            )
            #expect(response.status == 200)
            #expect(response.header("Content-Encoding") == "gzip")
            #expect(response.body == EchoUpstream.gzippedJSON)
        }
    }
}
