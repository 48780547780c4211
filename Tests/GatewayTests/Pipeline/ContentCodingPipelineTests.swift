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

    /// A v1 read of one order whose upstream answered gzip-coded (curl has decoded it), for a client that does or
    /// does not accept gzip.
    private func read(acceptEncoding: String?, method: String = "GET") throws -> GatewayResponse {
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
        let decoded = UpstreamResponse(
            status: 200,
            reason: "OK",
            headerBlock: Array("Content-Encoding: gzip\r\nContent-MD5: abc=\r\nVary: Accept-Encoding\r\n".utf8),
            body: Array(#"{"id":"po_1","supplier_id":"sup_1"}"#.utf8)
        )
        return self.pipeline.response(for: .success(decoded), exchange: sent, plan: plan)
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
