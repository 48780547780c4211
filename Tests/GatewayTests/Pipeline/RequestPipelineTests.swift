import CurlClient
import Gateway
import Testing
import Versioning

@Suite struct RequestPipelineTests {
    private let pipeline = RequestPipeline(
        configuration: GatewayConfiguration(upstream: try! UpstreamURL("http://127.0.0.1:9001/base")),
        catalog: try! VersionCatalog.bundled()
    )

    /// Served as the default: the request named no version.
    private let v1Stamp = [
        HTTPField("API-Version", "v1"), HTTPField("Vary", "API-Version"), HTTPField("API-Version-Source", "default"),
    ]
    /// Served as the version header named.
    private let v2Stamp = [
        HTTPField("API-Version", "v2"), HTTPField("Vary", "API-Version"), HTTPField("API-Version-Status", "draft"),
        HTTPField("API-Version-Source", "header"),
    ]

    private func head(_ target: String = "/orders", _ fields: [HTTPField] = []) -> RequestHead {
        RequestHead(method: "GET", target: target, headers: [HTTPField("Host", "api")] + fields)
    }

    /// The exchange a request is forwarded with; nil when it is answered without the upstream.
    private func forwarded(_ head: RequestHead) -> RequestPipeline.Exchange? {
        guard case .forward(let exchange) = self.pipeline.route(head) else { return nil }
        return exchange
    }

    @Test func aRequestWithoutAVersionIsServedByTheDefault() {
        var expected = RequestPipeline.Exchange(version: VersionName("v1")!, isHead: false, stamp: self.v1Stamp)
        expected.versionSource = .default
        #expect(self.forwarded(self.head()) == expected)
    }

    @Test func theVersionHeaderIsMatchedWhateverItsCase() {
        guard case .forward(let exchange) = self.pipeline.route(self.head("/orders", [HTTPField("api-VERSION", "v2")]))
        else {
            Issue.record("v2 should be served")
            return
        }
        #expect(exchange.version == VersionName("v2"))
        #expect(exchange.stamp == self.v2Stamp)
        #expect(!exchange.plan.isEmpty)
    }

    @Test func anUnknownVersionIsAProblemListingTheSupportedOnes() throws {
        guard
            case .refuse(let response, _, _, _) = self.pipeline.route(
                self.head("/orders", [HTTPField("API-Version", "v3")])
            )
        else {
            Issue.record("expected a problem")
            return
        }
        #expect(response.status == 400)
        #expect(response.headers.first("content-type") == "application/problem+json")
        #expect(response.headers.first("api-version") == "v1")
        #expect(response.headers.first("vary") == "API-Version")
        let body = String(decoding: response.body, as: UTF8.self)
        #expect(body.contains("\"supported_versions\":[\"v1\",\"v2\"]"))
        #expect(body.contains("Version v3 named in the API-Version header does not exist"))
    }

    @Test func aMalformedVersionIsAProblemToo() {
        guard
            case .refuse(let response, _, _, _) = self.pipeline.route(
                self.head("/orders", [HTTPField("API-Version", "latest")])
            )
        else {
            Issue.record("expected a problem")
            return
        }
        #expect(response.status == 400)
        #expect(String(decoding: response.body, as: UTF8.self).contains("'latest' in the API-Version header"))
    }

    @Test func anExpectationOtherThanContinueIs417() {
        guard
            case .refuse(let response, _, _, _) = self.pipeline.route(
                self.head("/orders", [HTTPField("Expect", "magic")])
            )
        else {
            Issue.record("expected a problem")
            return
        }
        #expect(response.status == 417)
    }

    @Test func healthIsAnsweredByTheGatewayAndOtherAdminPathsAre404() {
        guard case .respond(let health) = self.pipeline.route(self.head("/_versiongate/health")) else {
            Issue.record("expected the gateway to answer")
            return
        }
        #expect(health.status == 200)
        guard case .respond(let other) = self.pipeline.route(self.head("/_versiongate/nope")) else {
            Issue.record("expected the gateway to answer")
            return
        }
        #expect(other.status == 404)
        // A path that merely starts with the prefix is the upstream's, not the gateway's.
        #expect(self.forwarded(self.head("/_versiongateway"))?.target == nil)
        #expect(self.forwarded(self.head("/_versiongateway"))?.stamp == self.v1Stamp)
    }

    @Test func bodiesAreSentForWritesEvenWhenEmpty() {
        let exchange = RequestPipeline.Exchange(version: VersionName("v1")!, isHead: false, stamp: self.v1Stamp)
        let post = RequestHead(method: "POST", target: "/o", headers: [HTTPField("Host", "api")])
        guard let sentPost = self.pipeline.sentRequest(for: post, exchange: exchange) else { return }
        #expect(sentPost.request.body == [])
        let get = RequestHead(method: "GET", target: "/o", headers: [HTTPField("Host", "api")])
        guard let sentGet = self.pipeline.sentRequest(for: get, exchange: exchange) else { return }
        #expect(sentGet.request.body == nil)
    }

    @Test func upstreamResponsesAreStampedWithTheServedVersion() {
        let upstream = UpstreamResponse(
            status: 201,
            reason: "Created",
            headerBlock: Array("Location: /o/1\r\nConnection: close\r\n".utf8),
            body: Array("{}".utf8)
        )
        let response = self.pipeline.response(
            for: .success(upstream),
            exchange: .init(version: VersionName("v2")!, isHead: false, stamp: self.v2Stamp)
        )
        #expect(response.status == 201)
        #expect(response.headers == self.v2Stamp)
        #expect(response.headerBlock == Array("Location: /o/1\r\n".utf8))
    }

    @Test func linksToTheUpstreamPointAtTheGatewayEvenWithoutTranslation() {
        let upstream = UpstreamResponse(
            status: 201,
            reason: "Created",
            headerBlock: Array("Location: http://127.0.0.1:9001/base/o/1\r\n".utf8),
            body: Array("{}".utf8)
        )
        let response = self.pipeline.response(
            for: .success(upstream),
            exchange: .init(version: VersionName("v2")!, isHead: false, stamp: self.v2Stamp)
        )
        #expect(response.headerBlock == Array("Location: /o/1\r\n".utf8))
    }

    @Test(arguments: [
        (CurlClientError.Kind.unreachable, 502), (.timedOut, 504), (.responseTooLarge, 502), (.protocolError, 502),
        (.shutDown, 503),
    ])
    func upstreamFailuresBecomeProblems(kind: CurlClientError.Kind, status: Int) {
        let response = self.pipeline.response(
            for: .failure(CurlClientError(kind: kind, message: "boom")),
            exchange: .init(version: VersionName("v1")!, isHead: false, stamp: self.v1Stamp)
        )
        #expect(response.status == status)
        #expect(response.headers.first("content-type") == "application/problem+json")
    }
}
