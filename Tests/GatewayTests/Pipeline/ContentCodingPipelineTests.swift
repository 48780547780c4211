import ContentCoding
import CurlClient
import Gateway
import Testing
import Versioning

/// Content codings on the translated path: request bodies the client coded, responses curl decoded.
@Suite struct ContentCodingPipelineTests {
    private let pipeline: RequestPipeline

    init() throws {
        var configuration = GatewayConfiguration(
            upstream: try UpstreamURL("http://127.0.0.1:9001"),
            upstreamVersion: VersionName("v2")
        )
        configuration.limits.maxBodyBytes = 64 * 1024
        self.pipeline = RequestPipeline(configuration: configuration, catalog: try VersionCatalog.bundled())
    }

    private static let v1Order = Array(#"{"vendor_id":"sup_1","total":"9.50","currency":"EUR"}"#.utf8)

    /// A v1 `POST /purchase-orders` with `fields` and `body`, prepared for the upstream.
    private func post(_ body: [UInt8], fields: [HTTPField]) throws -> RequestPipeline.UpstreamPreparation {
        let head = RequestHead(
            method: "POST",
            target: "/purchase-orders",
            headers: [
                HTTPField("Host", "api"), HTTPField("API-Version", "v1"), HTTPField("Content-Type", "application/json"),
            ] + fields
        )
        let exchange = try #require(self.pipeline.forwardedExchange(head))
        var client = ClientAddress("10.0.0.1")
        return self.pipeline.upstreamRequest(
            for: head,
            body: body,
            framing: .length(body.count),
            exchange: exchange,
            client: &client
        )
    }

    @Test func aGzippedRequestBodyIsDecodedTranslatedAndSentAsIdentityWithoutItsDigests() throws {
        let fields = [
            HTTPField("Content-Encoding", "GZIP"), HTTPField("Content-MD5", "abc="),
            HTTPField("Content-Digest", "sha-256=:x:"),
        ]
        guard case .send(let request, _, _) = try self.post(ContentEncoder.gzip(Self.v1Order), fields: fields) else {
            Issue.record("a gzipped v1 order is not sent upstream")
            return
        }
        #expect(String(decoding: request.body ?? [], as: UTF8.self).contains(#""supplier_id":"sup_1""#))
        let names = request.headers.map { $0.name.lowercased() }
        #expect(!names.contains("content-encoding") && !names.contains("content-md5"))
        #expect(!names.contains("content-digest"))
    }

    @Test func aBodyThatDecodesPastTheLimitIs413() throws {
        let bomb = ContentEncoder.gzip([UInt8](repeating: 0x20, count: 1 << 20))
        #expect(bomb.count < 64 * 1024)
        guard case .respond(let response) = try self.post(bomb, fields: [HTTPField("Content-Encoding", "gzip")]) else {
            Issue.record("a gzip bomb is sent upstream")
            return
        }
        #expect(response.status == 413)
        #expect(String(decoding: response.body, as: UTF8.self).contains("65536 bytes"))
    }

    @Test func bytesThatAreNotGzipAre400() throws {
        let prepared = try self.post([0x1F, 0x8B, 0x08, 0x00], fields: [HTTPField("Content-Encoding", "gzip")])
        guard case .respond(let response) = prepared else {
            Issue.record("a truncated gzip body is sent upstream")
            return
        }
        #expect(response.status == 400)
        #expect(String(decoding: response.body, as: UTF8.self).contains("not valid gzip data"))
    }

    /// The label says what the bytes are: plain JSON labelled gzip is not gzip, whatever it would parse as.
    @Test func aBodyIsTakenForWhatItsLabelSays() throws {
        let gzipLabel = try self.post(Self.v1Order, fields: [HTTPField("Content-Encoding", "gzip")])
        guard case .respond(let notGzip) = gzipLabel else {
            Issue.record("plain JSON labelled gzip is sent upstream")
            return
        }
        #expect(notGzip.status == 400)
        guard
            case .respond(let unknown) = try self.post(Self.v1Order, fields: [HTTPField("Content-Encoding", "snappy")])
        else {
            Issue.record("plain JSON labelled snappy is sent upstream")
            return
        }
        #expect(unknown.status == 415)
        guard case .send = try self.post(Self.v1Order, fields: [HTTPField("Content-Encoding", "identity")]) else {
            Issue.record("JSON labelled identity is refused")
            return
        }
    }

    /// RFC 9110 §15.5.16: a coding the gateway cannot decode is refused, naming the codings it takes.
    @Test func aCodingTheGatewayCannotDecodeIs415() throws {
        guard case .respond(let response) = try self.post([1, 2, 3], fields: [HTTPField("Content-Encoding", "br")])
        else {
            Issue.record("a br body the translation must read is sent upstream")
            return
        }
        #expect(response.status == 415)
        #expect(response.headers.contains(HTTPField("Accept-Encoding", "gzip, deflate, identity")))
        #expect(String(decoding: response.body, as: UTF8.self).contains("'br' content coding"))
    }

    private static let v2Order = Array(#"{"id":"po_1","supplier_id":"sup_1"}"#.utf8)

    /// A v1 read of one order whose upstream answered `body` in `coding`, for a client that does or does not accept
    /// gzip; a GET's body defaults to the order gzip-coded.
    private func read(
        acceptEncoding: String?,
        method: String = "GET",
        status: Int = 200,
        coding: String = "gzip",
        body: [UInt8]? = nil
    ) throws -> GatewayResponse {
        let head = RequestHead(
            method: method,
            target: "/purchase-orders/po_1",
            headers: [HTTPField("Host", "api"), HTTPField("API-Version", "v1")]
                + (acceptEncoding.map { [HTTPField("Accept-Encoding", $0)] } ?? [])
        )
        let exchange = try #require(self.pipeline.forwardedExchange(head))
        var client = ClientAddress("10.0.0.1")
        guard
            case .send(_, let plan, let sent) = self.pipeline.upstreamRequest(
                for: head,
                body: [],
                framing: .none,
                exchange: exchange,
                client: &client
            )
        else {
            Issue.record("a v1 read is not sent upstream")
            throw CancellationError()
        }
        let coded = UpstreamResponse(
            status: status,
            reason: "OK",
            headerBlock: Array("Content-Encoding: \(coding)\r\nContent-MD5: abc=\r\nVary: Accept-Encoding\r\n".utf8),
            body: body ?? (method == "HEAD" ? [] : ContentEncoder.gzip(Self.v2Order))
        )
        return self.pipeline.response(for: .success(coded), exchange: sent, plan: plan)
    }

    /// Gzip only for a client that takes it, so that a body no change concerns can be relayed as it comes.
    @Test(arguments: [("br", "identity"), ("br, gzip;q=0.5", "gzip")])
    func aGatewayThatMayTranslateAsksForGzipOnlyForAClientThatTakesItWithinTheBodyLimit(
        accepted: String,
        asked: String
    ) throws {
        let head = RequestHead(
            method: "GET",
            target: "/purchase-orders/po_1",
            headers: [HTTPField("Host", "api"), HTTPField("API-Version", "v1"), HTTPField("Accept-Encoding", accepted)]
        )
        let exchange = try #require(self.pipeline.forwardedExchange(head))
        var client = ClientAddress("10.0.0.1")
        let prepared = self.pipeline.upstreamRequest(
            for: head,
            body: [],
            framing: .none,
            exchange: exchange,
            client: &client
        )
        guard case .send(let request, _, _) = prepared else {
            Issue.record("a v1 read is not sent upstream")
            return
        }
        #expect(request.headers.filter { $0.name.lowercased() == "accept-encoding" }.map(\.value) == [asked])
        #expect(request.maxResponseBodyBytes == 64 * 1024)
    }

    @Test func concatenatedGzipMembersAreOneBody() throws {
        let half = Self.v2Order.count / 2
        let members =
            ContentEncoder.gzip(Array(Self.v2Order[..<half])) + ContentEncoder.gzip(Array(Self.v2Order[half...]))
        let response = try self.read(acceptEncoding: nil, body: members)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"id":"po_1","vendor_id":"sup_1"}"#)
    }

    /// libcurl's own decoder let a gzip stream cut short pass as whole; the gateway's does not.
    @Test func aTruncatedCorruptOrUnknownCodingIsA502NamingIt() throws {
        let gzipped = ContentEncoder.gzip(Self.v2Order)
        let cases: [(String, [UInt8], String)] = [
            ("gzip", Array(gzipped.dropLast(8)), "not valid gzip data"),
            ("gzip", Self.v2Order, "not valid gzip data"),
            ("br", gzipped, "'br' content coding"),
        ]
        for (coding, body, reason) in cases {
            for status in [200, 404] {
                let response = try self.read(acceptEncoding: "gzip", status: status, coding: coding, body: body)
                #expect(response.status == 502)
                #expect(String(decoding: response.body, as: UTF8.self).contains(reason))
            }
        }
    }

    @Test func aBodyThatDecodesPastTheLimitIsA502() throws {
        let bomb = ContentEncoder.gzip([UInt8](repeating: 0x20, count: 1 << 20))
        let response = try self.read(acceptEncoding: nil, body: bomb)
        #expect(response.status == 502)
        #expect(String(decoding: response.body, as: UTF8.self).contains("upstream-response-too-large"))
    }

    /// A translated request goes up without `Range`; a `206` could only be read as the whole body.
    @Test func aPartialAnswerToARequestWithoutRangeIsA502() throws {
        let response = try self.read(acceptEncoding: nil, status: 206)
        #expect(response.status == 502)
    }

    @Test func aClientThatAcceptsGzipGetsTheTranslatedBodyGzippedAgain() throws {
        let response = try self.read(acceptEncoding: "br, gzip;q=0.8")
        let block = String(decoding: response.headerBlock, as: UTF8.self)
        #expect(block == "Vary: Accept-Encoding\r\nContent-Encoding: gzip\r\n")
        let body = try ContentDecoder.decode(response.body, codings: [.gzip], limit: 1024)
        #expect(String(decoding: body, as: UTF8.self) == #"{"id":"po_1","vendor_id":"sup_1"}"#)
    }

    @Test func aClientThatDoesNotAcceptGzipGetsIdentity() throws {
        for acceptEncoding in [nil, "identity", "gzip;q=0, br"] {
            let response = try self.read(acceptEncoding: acceptEncoding)
            #expect(String(decoding: response.headerBlock, as: UTF8.self) == "Vary: Accept-Encoding\r\n")
            #expect(String(decoding: response.body, as: UTF8.self) == #"{"id":"po_1","vendor_id":"sup_1"}"#)
        }
    }

    @Test func aHeadAnswerNamesTheCodingItsGetWouldHave() throws {
        let response = try self.read(acceptEncoding: "gzip", method: "HEAD")
        #expect(
            String(decoding: response.headerBlock, as: UTF8.self)
                == "Vary: Accept-Encoding\r\nContent-Encoding: gzip\r\n"
        )
        // No body is sent for HEAD, so none is coded.
        #expect(response.body.first != 0x1F)
    }
}
