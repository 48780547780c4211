import CurlClient
import Gateway
import Testing
import Versioning

/// A translated body is another representation: fields that describe the upstream's bytes do not reach the client.
@Suite struct RepresentationPipelineTests {
    private let pipeline: RequestPipeline

    init() throws {
        let configuration = GatewayConfiguration(
            upstream: try UpstreamURL("http://127.0.0.1:9001"),
            upstreamVersion: VersionName("v2")
        )
        self.pipeline = RequestPipeline(configuration: configuration, catalog: try VersionCatalog.bundled())
    }

    private static let describingFields =
        "Content-MD5: abc=\r\nDigest: sha-256=x\r\nContent-Digest: sha-256=:x:\r\nRepr-Digest: sha-256=:x:\r\n"
        + "Accept-Ranges: bytes\r\n"

    private func exchange(
        _ method: String,
        version: String,
        headers: [HTTPField] = []
    )
        -> (RequestHead, RequestPipeline.Exchange, UpstreamRequest, ResponsePlan?)?
    {
        let head = RequestHead(
            method: method,
            target: "/purchase-orders/po_1",
            headers: [HTTPField("Host", "api"), HTTPField("API-Version", version)] + headers
        )
        guard let exchange = self.pipeline.forwardedExchange(head),
            let sent = self.pipeline.sentRequest(for: head, exchange: exchange)
        else { return nil }
        return (head, exchange, sent.request, sent.plan)
    }

    private func fieldNames(_ response: GatewayResponse) -> [String] {
        String(decoding: response.headerBlock, as: UTF8.self).split(separator: "\r\n")
            .map { String($0.prefix { $0 != ":" }) }
    }

    @Test func aTranslatedBodyLosesTheDigestsAndRangesOfTheUpstreamsBytes() throws {
        let (_, exchange, _, plan) = try #require(self.exchange("GET", version: "v1"))
        let body = #"{"id":"po_1","supplier_id":"sup_1","created_at":"2026-01-15T09:30:00Z"}"#
        let upstream = UpstreamResponse(
            status: 200,
            reason: "OK",
            headerBlock: Array(("Content-Type: application/json\r\n" + Self.describingFields).utf8),
            body: Array(body.utf8)
        )
        let response = self.pipeline.response(for: .success(upstream), exchange: exchange, plan: plan)
        #expect(String(decoding: response.body, as: UTF8.self).contains(#""vendor_id":"sup_1""#))
        #expect(self.fieldNames(response) == ["Content-Type"])
    }

    @Test func aBodyNoChangeAltersKeepsItsDigestsButOffersNoRanges() throws {
        let (_, exchange, _, plan) = try #require(self.exchange("GET", version: "v1"))
        let upstream = UpstreamResponse(
            status: 200,
            reason: "OK",
            headerBlock: Array(("Content-Type: application/json\r\n" + Self.describingFields).utf8),
            body: Array(#"{"id":"po_1"}"#.utf8)
        )
        let response = self.pipeline.response(for: .success(upstream), exchange: exchange, plan: plan)
        #expect(response.body == upstream.body)
        #expect(
            self.fieldNames(response) == ["Content-Type", "Content-MD5", "Digest", "Content-Digest", "Repr-Digest"]
        )
    }

    @Test func anUntranslatedBodyKeepsThemByteForByte() throws {
        let (_, exchange, _, plan) = try #require(self.exchange("GET", version: "v2"))
        let block = Array(("Content-Type: application/json\r\n" + Self.describingFields).utf8)
        let upstream = UpstreamResponse(status: 200, reason: "OK", headerBlock: block, body: Array("{}".utf8))
        let response = self.pipeline.response(for: .success(upstream), exchange: exchange, plan: plan)
        #expect(response.headerBlock == block)
    }

    @Test func aRangeRequestToATranslatedEndpointAsksTheUpstreamForTheWhole() throws {
        let ranges = [HTTPField("Range", "bytes=0-9"), HTTPField("If-Range", "\"r1\"")]
        let translated = try #require(self.exchange("GET", version: "v1", headers: ranges)).2
        #expect(!translated.headers.contains { ["range", "if-range"].contains($0.name.lowercased()) })
        let passedThrough = try #require(self.exchange("GET", version: "v2", headers: ranges)).2
        #expect(passedThrough.headers.contains { $0.name == "Range" && $0.value == "bytes=0-9" })
    }

    @Test func aHeadAnswerForAnotherVersionDoesNotClaimTheUpstreamsLength() throws {
        let block = Array("Content-Length: 155\r\nContent-Type: application/json\r\n".utf8)
        let upstream = UpstreamResponse(status: 200, reason: "OK", headerBlock: block, body: [])
        let (_, v1, _, v1Plan) = try #require(self.exchange("HEAD", version: "v1"))
        #expect(
            self.fieldNames(self.pipeline.response(for: .success(upstream), exchange: v1, plan: v1Plan)) == [
                "Content-Type"
            ]
        )
        let (_, v2, _, v2Plan) = try #require(self.exchange("HEAD", version: "v2"))
        #expect(self.pipeline.response(for: .success(upstream), exchange: v2, plan: v2Plan).headerBlock == block)
    }

    @Test func eachVersionHasItsOwnETagAndConditionalRequestsMapBack() throws {
        let conditional = [HTTPField("If-None-Match", #""po1-rev7.vg-v1""#), HTTPField("If-Match", #"W/"x.vg-v1""#)]
        let (_, exchange, request, plan) = try #require(self.exchange("GET", version: "v1", headers: conditional))
        #expect(request.headers.contains { $0.name == "If-None-Match" && $0.value == #""po1-rev7""# })
        #expect(request.headers.contains { $0.name == "If-Match" && $0.value == #"W/"x""# })
        let notModified = UpstreamResponse(
            status: 304,
            reason: "Not Modified",
            headerBlock: Array("ETag: \"po1-rev7\"\r\n".utf8),
            body: []
        )
        let response = self.pipeline.response(for: .success(notModified), exchange: exchange, plan: plan)
        // The tag names the client's coding, so the response varies by Accept-Encoding.
        #expect(
            String(decoding: response.headerBlock, as: UTF8.self)
                == "ETag: \"po1-rev7.vg-v1\"\r\nVary: Accept-Encoding\r\n"
        )

        let (_, native, nativeRequest, nativePlan) = try #require(
            self.exchange("GET", version: "v2", headers: [HTTPField("If-None-Match", #""po1-rev7""#)])
        )
        #expect(nativeRequest.headers.contains { $0.name == "If-None-Match" && $0.value == #""po1-rev7""# })
        let passedThrough = self.pipeline.response(for: .success(notModified), exchange: native, plan: nativePlan)
        #expect(passedThrough.headerBlock == notModified.headerBlock)
    }
}
