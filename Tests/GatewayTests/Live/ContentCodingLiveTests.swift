import ContentCoding
import Gateway
import TestSupport
import Testing
import Versioning

/// Content codings through a live gateway whose upstream speaks v2 and encodes with gzip when asked.
@Suite("Content codings through a live gateway", .timeLimit(.minutes(1)))
struct ContentCodingLiveTests {
    private static func upstreamSpeaksV2(_ configuration: inout GatewayConfiguration) {
        configuration.upstreamVersion = VersionName("v2")
    }

    @Test func aGzippedBodyIsDecodedTranslatedAndSentAsIdentityToAClientThatTakesNoGzip() async throws {
        try await withLiveGateway(configure: Self.upstreamSpeaksV2) { gateway throws in
            let response = try gateway.client().request(
                "GET",
                "/gzip",
                headers: [("API-Version", "v1"), ("Accept-Encoding", "br, deflate")]
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

    // Against an upstream that answers exact bytes.

    /// The issue's first input: a gzip-coded list used to be a 502 "not valid JSON".
    /// Off the loop (as large or coded bodies go) or on it, the same exchange.
    @Test(arguments: [false, true])
    func aGzippedListIsTranslatedAndGzippedAgainForAClientThatTakesGzip(offLoop: Bool) async throws {
        try await RepresentationUpstream.withGateway(offLoop: offLoop) { client, upstream in
            let response = try client.request(
                "GET",
                "/purchase-orders?vendor_id=sup_1",
                headers: [RepresentationUpstream.v1, ("Accept-Encoding", "gzip")]
            )
            #expect(response.status == 200)
            #expect(response.header("Content-Encoding") == "gzip")
            #expect(response.headers.contains { $0.0 == "Vary" && $0.1 == "Accept-Encoding" })
            let body = try ContentDecoder.decode(response.body, codings: [.gzip], limit: 1 << 20)
            #expect(
                RepresentationUpstream.sameJSON(body, RepresentationUpstream.v1List),
                "\(String(decoding: body, as: UTF8.self))"
            )
            // The upstream was asked for gzip, the one coding the gateway gives such a client.
            #expect(upstream.requests.last?.field("Accept-Encoding") == "gzip")
        }
    }

    @Test func aClientThatTakesNoGzipGetsIdentity() async throws {
        try await RepresentationUpstream.withGateway { client, _ in
            for acceptEncoding in [[], [("Accept-Encoding", "br")], [("Accept-Encoding", "gzip;q=0")]] {
                let response = try client.request(
                    "GET",
                    "/purchase-orders?vendor_id=sup_1",
                    headers: [RepresentationUpstream.v1] + acceptEncoding
                )
                #expect(response.status == 200)
                #expect(response.header("Content-Encoding") == nil)
                #expect(
                    RepresentationUpstream.sameJSON(response.body, RepresentationUpstream.v1List),
                    "\(response.text)"
                )
            }
        }
    }

    @Test func aDeflatedBodyIsDecodedAndTranslated() async throws {
        try await RepresentationUpstream.withGateway { client, _ in
            let response = try client.request("GET", "/purchase-orders/po_2", headers: [RepresentationUpstream.v1])
            #expect(response.status == 200)
            #expect(response.header("Content-Encoding") == nil)
            #expect(
                RepresentationUpstream.sameJSON(response.body, #"{"id":"po_2","vendor_id":"sup_2"}"#),
                "\(response.text)"
            )
        }
    }

    @Test func aCodingCurlCannotDecodeIsA502NamingIt() async throws {
        try await RepresentationUpstream.withGateway { client, _ in
            let response = try client.request("GET", "/purchase-orders/po_3", headers: [RepresentationUpstream.v1])
            #expect(response.status == 502)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.text.contains("'compress' content coding"), "\(response.text)")
        }
    }

    @Test func aGzipStreamCutShortIsA502NotATruncatedBody() async throws {
        try await RepresentationUpstream.withGateway { client, _ in
            let response = try client.request("GET", "/purchase-orders/po_4", headers: [RepresentationUpstream.v1])
            #expect(response.status == 502)
            #expect(response.text.contains("not valid gzip data"), "\(response.text)")
        }
    }

    @Test func aRequestBodyInACodingTheGatewayCannotDecodeIs415() async throws {
        try await RepresentationUpstream.withGateway { client, upstream in
            let response = try client.request(
                "POST",
                "/purchase-orders",
                headers: [RepresentationUpstream.v1, ("Content-Type", "application/json"), ("Content-Encoding", "br")],
                body: [0x0B, 0x02, 0x80]
            )
            #expect(response.status == 415)
            #expect(response.reason == "Unsupported Media Type")
            #expect(response.header("Accept-Encoding") == "gzip, deflate, identity")
            #expect(upstream.requests.isEmpty)
        }
    }

    @Test(arguments: [false, true])
    func aGzippedRequestBodyGoesUpstreamTranslatedAsIdentity(offLoop: Bool) async throws {
        try await RepresentationUpstream.withGateway(offLoop: offLoop) { client, upstream in
            let v1Body = #"{"vendor_id":"sup_1","total":"9.50","currency":"EUR"}"#
            let response = try client.request(
                "POST",
                "/purchase-orders",
                headers: [
                    RepresentationUpstream.v1, ("Content-Type", "application/json"), ("Content-Encoding", "gzip"),
                    ("Content-Digest", "sha-256=:x:"),
                ],
                body: ContentEncoder.gzip(Array(v1Body.utf8))
            )
            #expect(response.status == 200)
            let sent = try #require(upstream.requests.last)
            #expect(sent.field("Content-Encoding") == nil && sent.field("Content-Digest") == nil)
            #expect(
                RepresentationUpstream.sameJSON(
                    sent.body,
                    #"{"supplier_id":"sup_1","total":{"amount":"9.50","currency":"EUR"}}"#
                ),
                "\(String(decoding: sent.body, as: UTF8.self))"
            )
            // The echo comes back in v1.
            #expect(RepresentationUpstream.sameJSON(response.body, v1Body), "\(response.text)")
        }
    }

    @Test(arguments: [false, true])
    func aGzipBombIsRefusedBeforeTheUpstreamSeesIt(offLoop: Bool) async throws {
        try await RepresentationUpstream.withGateway(offLoop: offLoop) { client, upstream in
            let bomb = ContentEncoder.gzip([UInt8](repeating: 0x20, count: 64 << 20))
            #expect(bomb.count < 1 << 20)
            let response = try client.request(
                "POST",
                "/purchase-orders",
                headers: [
                    RepresentationUpstream.v1, ("Content-Type", "application/json"), ("Content-Encoding", "gzip"),
                ],
                body: bomb
            )
            #expect(response.status == 413)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(upstream.requests.isEmpty)
        }
    }
}
