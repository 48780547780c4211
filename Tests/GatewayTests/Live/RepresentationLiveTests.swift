import Gateway
import TestSupport
import Testing

/// Validators, digests, ranges and `HEAD` of translated responses, through a live gateway whose upstream speaks v2
/// (``RepresentationUpstream``); a v2 client's exchange passes through byte for byte.
@Suite(.timeLimit(.minutes(1))) struct RepresentationLiveTests {
    private typealias Fixture = RepresentationUpstream

    /// The issue's second input: the upstream's strong validator and digests used to reach v1 clients unchanged.
    @Test func aTranslatedReadHasItsOwnTagAndNoDigestsOrRanges() async throws {
        try await Fixture.withGateway { client, _ in
            let response = try client.request("GET", "/purchase-orders/po_1", headers: [Fixture.v1])
            #expect(response.status == 200)
            #expect(Fixture.sameJSON(response.body, Fixture.v1Order), "\(response.text)")
            #expect(response.header("ETag") == #""po1-rev7.vg-v1""#)
            #expect(response.header("Last-Modified") == "Thu, 15 Jan 2026 09:30:00 GMT")
            for field in ["Content-MD5", "Content-Digest", "Accept-Ranges", "Content-Range", "Content-Encoding"] {
                #expect(response.header(field) == nil, "\(field)")
            }
            #expect(response.header("Content-Length") == "\(response.body.count)")
        }
    }

    /// Declared changes describe JSON: a PDF export reaches a v1 client untouched (it used to be a `502`, "not valid
    /// JSON"), while any `+json` type is translated like `application/json`.
    @Test func onlyJSONBodiesAreTranslated() async throws {
        try await Fixture.withGateway { client, _ in
            let attachment = try client.request("GET", "/purchase-orders/po_1/attachment", headers: [Fixture.v1])
            #expect(attachment.status == 200)
            #expect(attachment.body == Fixture.pdfAttachment)
            #expect(attachment.header("Content-Type") == "application/pdf")
            let suffixed = try client.request("GET", "/purchase-orders/po_6", headers: [Fixture.v1])
            #expect(Fixture.sameJSON(suffixed.body, Fixture.v1Order), "\(suffixed.text)")
        }
    }

    @Test func aConditionalReadOfAnUnchangedTranslationIs304() async throws {
        try await Fixture.withGateway { client, upstream in
            for (acceptEncoding, tag) in [("identity", #""po1-rev7.vg-v1""#), ("gzip", #""po1-rev7.vg-v1-gz""#)] {
                let response = try client.request(
                    "GET",
                    "/purchase-orders/po_1",
                    headers: [Fixture.v1, ("Accept-Encoding", acceptEncoding), ("If-None-Match", tag)]
                )
                #expect(response.status == 304)
                #expect(response.header("ETag") == tag)
                #expect(upstream.requests.last?.field("If-None-Match") == #""po1-rev7""#)
            }
        }
    }

    /// A tag of another representation (the other coding's, or the upstream's own) never matches this one.
    @Test func aTagOfAnotherRepresentationNeverEarnsA304() async throws {
        try await Fixture.withGateway { client, upstream in
            for tag in [#""po1-rev7.vg-v1-gz""#, #""po1-rev7""#] {
                let response = try client.request(
                    "GET",
                    "/purchase-orders/po_1",
                    headers: [Fixture.v1, ("If-None-Match", tag)]
                )
                #expect(response.status == 200, "\(tag)")
                #expect(response.header("ETag") == #""po1-rev7.vg-v1""#)
                #expect(upstream.requests.last?.field("If-None-Match") == nil)
            }
        }
    }

    @Test func anUpstreamTagThatCannotBeMarkedIsNotShared() async throws {
        try await Fixture.withGateway { client, _ in
            let response = try client.request("GET", "/purchase-orders/po_5", headers: [Fixture.v1])
            #expect(response.status == 200)
            #expect(response.header("ETag") == nil)
        }
    }

    @Test func aWriteAgainstAStaleTagIs412AndAgainstTheCurrentOneSucceeds() async throws {
        try await Fixture.withGateway { client, upstream in
            let change = Array(#"{"status":"approved"}"#.utf8)
            let stale = try client.request(
                "PATCH",
                "/purchase-orders/po_1",
                headers: [Fixture.v1, ("Content-Type", "application/json"), ("If-Match", #""po1-rev6.vg-v1""#)],
                body: change
            )
            #expect(stale.status == 412)
            #expect(upstream.requests.last?.field("If-Match") == #""po1-rev6""#)
            // The upstream's own tag is not this representation's: the write must not go through.
            let unmarked = try client.request(
                "PATCH",
                "/purchase-orders/po_1",
                headers: [Fixture.v1, ("Content-Type", "application/json"), ("If-Match", #""po1-rev7""#)],
                body: change
            )
            #expect(unmarked.status == 412)
            let current = try client.request(
                "PATCH",
                "/purchase-orders/po_1",
                headers: [Fixture.v1, ("Content-Type", "application/json"), ("If-Match", #""po1-rev7.vg-v1""#)],
                body: change
            )
            #expect(current.status == 200)
            #expect(current.header("ETag") == #""po1-rev8.vg-v1""#)
        }
    }

    /// RFC 9110 §14.2: a server may ignore `Range`; a translated endpoint answers the whole translated body.
    @Test func aRangeRequestToATranslatedEndpointGetsTheWholeBody() async throws {
        try await Fixture.withGateway { client, upstream in
            let response = try client.request(
                "GET",
                "/purchase-orders/po_1",
                headers: [Fixture.v1, ("Range", "bytes=0-9"), ("If-Range", #""po1-rev7.vg-v1""#)]
            )
            #expect(response.status == 200)
            #expect(Fixture.sameJSON(response.body, Fixture.v1Order), "\(response.text)")
            #expect(response.header("Content-Range") == nil)
            #expect(upstream.requests.last?.field("Range") == nil)
            #expect(upstream.requests.last?.field("If-Range") == nil)
        }
    }

    /// A `HEAD` answer never reports the length of the upstream's body in another version.
    @Test func aTranslatedHeadCarriesNoLengthOfTheUpstreamsBody() async throws {
        try await Fixture.withGateway { client, _ in
            let response = try client.request("HEAD", "/purchase-orders/po_1", headers: [Fixture.v1])
            #expect(response.status == 200)
            #expect(response.header("Content-Length") == nil)
            #expect(response.header("ETag") == #""po1-rev7.vg-v1""#)
            #expect(response.header("Content-MD5") == nil && response.header("Content-Digest") == nil)
        }
    }

    /// The upstream's own version passes through: body, validator, digests and ranges as the upstream sent them.
    @Test func theUpstreamsOwnVersionPassesThroughByteForByte() async throws {
        try await Fixture.withGateway { client, upstream in
            let v2 = ("API-Version", "v2")
            let read = try client.request("GET", "/purchase-orders/po_1", headers: [v2])
            #expect(read.body == Array(Fixture.v2Order.utf8))
            let expected = Fixture.upstream(try #require(upstream.requests.last))
            for (name, value) in expected.fields {
                #expect(read.headers.filter { $0.0 == name }.map(\.1) == [value], "\(name)")
            }
            let range = try client.request("GET", "/purchase-orders/po_1", headers: [v2, ("Range", "bytes=0-9")])
            #expect(range.status == 206)
            #expect(range.body == Array(Fixture.v2Order.utf8.prefix(10)))
            #expect(range.header("Content-Range") == "bytes 0-9/\(Fixture.v2Order.utf8.count)")
            let coded = try client.request(
                "GET",
                "/purchase-orders?supplier_id=sup_1",
                headers: [v2, ("Accept-Encoding", "gzip")]
            )
            #expect(coded.header("Content-Encoding") == "gzip")
            #expect(coded.body == Fixture.upstream(try #require(upstream.requests.last)).body)
        }
    }
}
