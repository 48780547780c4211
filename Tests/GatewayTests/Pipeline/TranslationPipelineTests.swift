import CurlClient
import Gateway
import Testing
import Versioning

/// The pipeline translating headers between a v1 client and a v2 upstream.
@Suite struct TranslationPipelineTests {
    @Test func headerNamesAreTranslatedBothWays() throws {
        let v1 = try ManifestDecoder.decode(
            "version: v1\nstatus: current\nreleased: 2025-01-01\nsuccessor: v2\n",
            file: "v1.yaml"
        )
        let v2 = try ManifestDecoder.decode(
            "version: v2\nstatus: draft\nprevious: v1\npreview: open\nchanges:\n"
                + "  - {id: h, summary: S, breaking: true, rename-header: {from: X-Vendor-Region, to: X-Supplier-Region}}\n",
            file: "v2.yaml"
        )
        let configuration = GatewayConfiguration(
            upstream: try UpstreamURL("http://127.0.0.1:9"),
            upstreamVersion: VersionName("v2")
        )
        let pipeline = RequestPipeline(configuration: configuration, catalog: try VersionCatalog([v1, v2]))
        let head = RequestHead(
            method: "GET",
            target: "/things",
            headers: [HTTPField("Host", "api"), HTTPField("X-Vendor-Region", "eu")]
        )
        guard let exchange = pipeline.forwardedExchange(head),
            let sent = pipeline.sentRequest(for: head, exchange: exchange)
        else { return }
        #expect(sent.request.headers.contains { $0.name == "X-Supplier-Region" && $0.value == "eu" })
        #expect(!sent.request.headers.contains { $0.name == "X-Vendor-Region" })
        let upstream = UpstreamResponse(
            status: 200,
            reason: "OK",
            headerBlock: Array("X-Supplier-Region: us\r\n".utf8),
            body: []
        )
        let response = pipeline.response(for: .success(upstream), exchange: exchange, plan: sent.plan)
        #expect(String(decoding: response.headerBlock, as: UTF8.self) == "X-Vendor-Region: us\r\n")
    }

    @Test func anAbsoluteLinkToTheUpstreamComesBackInTheClientsVersion() throws {
        let configuration = GatewayConfiguration(
            upstream: try UpstreamURL("http://127.0.0.1:9001"),
            upstreamVersion: VersionName("v2")
        )
        let pipeline = RequestPipeline(configuration: configuration, catalog: try VersionCatalog.bundled())
        let head = RequestHead(
            method: "POST",
            target: "/vendors",
            headers: [HTTPField("Host", "api"), HTTPField("API-Version", "v1")]
        )
        let body = Array(#"{"name":"Acme"}"#.utf8)
        guard let exchange = pipeline.forwardedExchange(head),
            let sent = pipeline.sentRequest(for: head, body: body, framing: .length(body.count), exchange: exchange)
        else { return }
        #expect(sent.request.target == "/suppliers")
        let upstream = UpstreamResponse(
            status: 201,
            reason: "Created",
            headerBlock: Array("Location: http://127.0.0.1:9001/suppliers/sup_3\r\n".utf8),
            body: Array(#"{"id":"sup_3","name":"Acme"}"#.utf8)
        )
        let response = pipeline.response(for: .success(upstream), exchange: exchange, plan: sent.plan)
        #expect(String(decoding: response.headerBlock, as: UTF8.self) == "Location: /vendors/sup_3\r\n")
    }
}
