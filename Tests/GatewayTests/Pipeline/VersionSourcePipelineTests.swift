import CurlClient
import Gateway
import Testing
import Versioning

/// The pipeline with a version query parameter and path prefix read besides the header, in front of a v2 upstream.
@Suite struct VersionSourcePipelineTests {
    private func pipeline(keepsPathPrefix: Bool = false) throws -> RequestPipeline {
        let configuration = GatewayConfiguration(
            upstream: try UpstreamURL("http://127.0.0.1:9001"),
            upstreamVersion: VersionName("v2"),
            versionSources: VersionSources(
                queryParameter: "api-version",
                pathPrefix: true,
                keepsPathPrefix: keepsPathPrefix
            )
        )
        return RequestPipeline(configuration: configuration, catalog: try VersionCatalog.bundled())
    }

    private func head(_ target: String, version: String? = nil) -> RequestHead {
        RequestHead(
            method: "GET",
            target: target,
            headers: [HTTPField("Host", "api")] + (version.map { [HTTPField("API-Version", $0)] } ?? [])
        )
    }

    private func problem(_ decision: RequestPipeline.Decision) -> String? {
        guard case .refuse(let response, _, _, _) = decision else { return nil }
        return String(decoding: response.body, as: UTF8.self)
    }

    @Test func aPrefixedPathIsServedInItsVersionAndTranslatedWithoutThePrefix() throws {
        let pipeline = try self.pipeline()
        let head = self.head("/v1/vendors/sup_1?api-version=v1", version: "v1")
        guard let exchange = pipeline.forwardedExchange(head),
            let sent = pipeline.sentRequest(for: head, exchange: exchange)
        else { return }
        #expect(exchange.version == VersionName("v1"))
        #expect(sent.request.target == "/suppliers/sup_1")
        #expect(sent.request.headers.contains { $0.name == "API-Version" && $0.value == "v2" })
    }

    @Test func aKeptPrefixReachesTheUpstreamAsItsOwnVersion() throws {
        let pipeline = try self.pipeline(keepsPathPrefix: true)
        let head = self.head("/v1/vendors")
        guard let exchange = pipeline.forwardedExchange(head),
            let sent = pipeline.sentRequest(for: head, exchange: exchange)
        else { return }
        #expect(sent.request.target == "/v2/suppliers")
    }

    @Test(arguments: [("/v1/vendors", "v2"), ("/vendors?api-version=v2", "v1"), ("/v1/vendors?api-version=v2", nil)])
    func twoSourcesThatDisagreeAreAnAmbiguousVersionProblem(target: String, header: String?) throws {
        let body = self.problem(try self.pipeline().route(self.head(target, version: header)))
        #expect(body?.contains(#""type":"urn:versiongate:problem:ambiguous-version""#) == true)
        #expect(body?.contains(#""status":400"#) == true)
    }

    @Test func anUnknownVersionIsReportedForTheSourceThatNamedIt() throws {
        let pipeline = try self.pipeline()
        #expect(
            self.problem(pipeline.route(self.head("/v9/vendors")))?.contains("Version v9 named in the path") == true
        )
        #expect(
            self.problem(pipeline.route(self.head("/vendors?api-version=latest")))?
                .contains("'latest' in the api-version query parameter is not a version name") == true
        )
    }

    @Test func aLocationComesBackUnderTheClientsPrefixInTheClientsVersion() throws {
        for keepsPathPrefix in [false, true] {
            let pipeline = try self.pipeline(keepsPathPrefix: keepsPathPrefix)
            let head = self.head("/v1/vendors")
            guard let exchange = pipeline.forwardedExchange(head),
                let sent = pipeline.sentRequest(for: head, exchange: exchange)
            else { return }
            let location = keepsPathPrefix ? "/v2/suppliers/sup_9" : "/suppliers/sup_9"
            let upstream = UpstreamResponse(
                status: 201,
                reason: "Created",
                headerBlock: Array("Location: \(location)\r\n".utf8),
                body: []
            )
            let response = pipeline.response(for: .success(upstream), exchange: exchange, plan: sent.plan)
            #expect(String(decoding: response.headerBlock, as: UTF8.self) == "Location: /v1/vendors/sup_9\r\n")
        }
    }

    @Test func aDeprecatedVersionsSuccessorLinkFollowsThePathScheme() throws {
        let v1 = try ManifestDecoder.decode(
            "version: v1\nstatus: deprecated\nreleased: 2025-01-01\ndeprecated: 2026-02-01\nsunset: 2027-02-01\n"
                + "successor: v2\n",
            file: "v1.yaml"
        )
        let v2 = try ManifestDecoder.decode(
            "version: v2\nstatus: current\nreleased: 2026-01-01\nprevious: v1\nchanges:\n"
                + "  - {id: s, summary: S, breaking: true, rename-path: {from: /vendors, to: /suppliers}}\n",
            file: "v2.yaml"
        )
        let configuration = GatewayConfiguration(
            upstream: try UpstreamURL("http://127.0.0.1:9001"),
            versionSources: VersionSources(queryParameter: "api-version", pathPrefix: true),
            clock: { Instant(rfc3339: "2026-06-01T00:00:00Z")! }
        )
        let pipeline = RequestPipeline(configuration: configuration, catalog: try VersionCatalog([v1, v2]))
        let links = { (target: String, version: String?) -> [String] in
            pipeline.forwardedExchange(self.head(target, version: version))?.stamp
                .filter { $0.name == "Link" }.map(\.value) ?? []
        }
        #expect(
            links("/v1/vendors/sup_1?page=2", nil) == [
                #"</_versiongate/guides/v1-to-v2>; rel="deprecation"; type="text/markdown""#,
                #"</v2/suppliers/sup_1>; rel="successor-version""#,
            ]
        )
        #expect(
            links("/vendors/sup_1?api-version=v1", nil) == [
                #"</_versiongate/guides/v1-to-v2>; rel="deprecation"; type="text/markdown""#,
                #"</suppliers/sup_1?api-version=v2>; rel="successor-version""#,
            ]
        )
        #expect(
            links("/vendors/sup_1", "v1") == [
                #"</_versiongate/guides/v1-to-v2>; rel="deprecation"; type="text/markdown""#,
                #"</_versiongate/guides/v1-to-v2>; rel="successor-version""#,
            ]
        )
    }

    @Test func theAdminPrefixUnderAVersionPrefixIsTheGatewaysAndNeverForwarded() throws {
        guard case .respond(let response) = try self.pipeline().route(self.head("/v1/_versiongate/health")) else {
            Issue.record("forwarded an admin path")
            return
        }
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).hasPrefix(#"{"status":"ok""#))
    }

    @Test func twoVersionHeaderFieldsThatDisagreeAreAmbiguousAndOnesThatAgreeAreNot() throws {
        let pipeline = try self.pipeline()
        let disagreeing = RequestHead(
            method: "GET",
            target: "/vendors",
            headers: [HTTPField("API-Version", "v1"), HTTPField("api-version", "v2")]
        )
        #expect(self.problem(pipeline.route(disagreeing))?.contains("ambiguous-version") == true)
        let agreeing = RequestHead(
            method: "GET",
            target: "/vendors",
            headers: [HTTPField("API-Version", "v1"), HTTPField("API-Version", " v1 ")]
        )
        #expect(pipeline.forwardedExchange(agreeing)?.version == VersionName("v1"))
    }

    @Test func aPercentEncodedQueryParameterNamesTheVersionAsThePlainOneDoes() throws {
        let pipeline = try self.pipeline()
        let head = self.head("/vendors?api%2Dversion=v%31&x=1")
        guard let exchange = pipeline.forwardedExchange(head),
            let sent = pipeline.sentRequest(for: head, exchange: exchange)
        else { return }
        #expect(exchange.version == VersionName("v1"))
        #expect(sent.request.target == "/suppliers?x=1")
    }

    @Test func aKeptPrefixReachesTheUpstreamWhereverTheClientNamedItsVersion() throws {
        let pipeline = try self.pipeline(keepsPathPrefix: true)
        for (target, version, expected) in [
            ("/vendors", "v1", "/v2/suppliers"), ("/v1/", nil, "/v2/"),
            ("/v2/suppliers/s?x=1", nil, "/v2/suppliers/s?x=1"),
        ] {
            let head = self.head(target, version: version)
            guard let exchange = pipeline.forwardedExchange(head),
                let sent = pipeline.sentRequest(for: head, exchange: exchange)
            else { return }
            #expect(sent.request.target == expected)
        }
    }

    @Test func aLocationForAQueryClientNamesItsVersionInTheQuery() throws {
        let pipeline = try self.pipeline()
        let head = self.head("/vendors?api-version=v1")
        guard let exchange = pipeline.forwardedExchange(head),
            let sent = pipeline.sentRequest(for: head, exchange: exchange)
        else { return }
        let upstream = UpstreamResponse(
            status: 201,
            reason: "Created",
            headerBlock: Array("Location: /suppliers/sup_9?tab=contacts\r\n".utf8),
            body: []
        )
        let response = pipeline.response(for: .success(upstream), exchange: exchange, plan: sent.plan)
        #expect(
            String(decoding: response.headerBlock, as: UTF8.self)
                == "Location: /vendors/sup_9?tab=contacts&api-version=v1\r\n"
        )
    }
}
