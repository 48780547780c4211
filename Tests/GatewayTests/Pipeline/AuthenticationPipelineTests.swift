import Clients
import CurlClient
import Gateway
import Store
import Testing
import Versioning

/// Client tokens at the pipeline: what `--auth` refuses and lets through, which version a client's pin serves,
/// where test clients go, and what the upstream learns of the client.
@Suite struct AuthenticationPipelineTests {
    private let live = ClientToken.generate(.live)
    private let pinned = ClientToken.generate(.live)
    private let revoked = ClientToken.generate(.live)
    private let test = ClientToken.generate(.test)
    private let clients: ClientSnapshot

    init() {
        func stored(_ id: String, _ token: ClientToken, pin: String? = nil, revokedAt: Int64? = nil) -> RegisteredClient
        {
            RegisteredClient(
                id: id,
                name: "name-\(id)",
                environment: token.environment.rawValue,
                pin: pin,
                createdAt: 1,
                revokedAt: revokedAt,
                tokenDigest: token.digest,
                tokenPrefix: token.displayPrefix
            )
        }
        self.clients = ClientSnapshot(
            clients: [
                stored("cl_live", self.live), stored("cl_pinned", self.pinned, pin: "v2"),
                stored("cl_gone", self.revoked, revokedAt: 1), stored("cl_test", self.test),
            ],
            generation: 1
        )
    }

    /// v1 current, v2 a draft open to `cl_preview` only, v3 a draft open to everyone.
    private func pipeline(
        _ mode: ClientAuthentication.Mode,
        sandbox: String? = nil,
        forwardsCredentials: Bool = false
    ) throws -> RequestPipeline {
        let manifests = [
            VersionManifest(name: VersionName("v1")!, status: .current, released: CalendarDate("2025-01-01")),
            VersionManifest(
                name: VersionName("v2")!,
                status: .draft,
                previous: VersionName("v1"),
                preview: .clients(["cl_pinned"])
            ),
        ]
        let configuration = GatewayConfiguration(
            upstream: try UpstreamURL("http://127.0.0.1:9001"),
            authentication: ClientAuthentication(
                mode: mode,
                sandboxUpstream: try sandbox.map(UpstreamURL.init),
                forwardsCredentials: forwardsCredentials
            )
        )
        return RequestPipeline(configuration: configuration, catalog: try VersionCatalog(manifests))
    }

    private func head(token: String? = nil, _ fields: [HTTPField] = []) -> RequestHead {
        var fields = [HTTPField("Host", "api")] + fields
        if let token { fields.append(HTTPField("Authorization", "Bearer " + token)) }
        return RequestHead(method: "GET", target: "/orders", headers: fields)
    }

    private func refusal(_ decision: RequestPipeline.Decision) -> GatewayResponse? {
        guard case .refuse(let response, _, _, _) = decision else { return nil }
        return response
    }

    private func body(of response: GatewayResponse?) -> String {
        String(decoding: response?.body ?? [], as: UTF8.self)
    }

    private func field(_ name: String, of response: GatewayResponse?) -> String? {
        response?.headers.first { $0.canonicalName == name.lowercased() }?.value
    }

    @Test func requiredRefusesARequestWithoutCredentialsWithABareChallenge() throws {
        let response = self.refusal(try self.pipeline(.required).route(self.head(), clients: self.clients))
        #expect(response?.status == 401)
        // RFC 6750 §3.1: a request without credentials gets no error code.
        #expect(self.field("WWW-Authenticate", of: response) == #"Bearer realm="versiongate""#)
        #expect(self.body(of: response).contains("urn:versiongate:problem:unauthenticated"))
    }

    @Test func requiredRefusesEveryBadTokenAsInvalidWithoutEchoingIt() throws {
        let pipeline = try self.pipeline(.required)
        let mistyped = String(self.live.secret.dropLast()) + (self.live.secret.last == "A" ? "B" : "A")
        let cases = [
            (mistyped, "checksum"), (ClientToken.generate(.live).secret, "not known"), (self.revoked.secret, "revoked"),
            ("sk_live_123", "not a VersionGate token"),
        ]
        for (token, reason) in cases {
            let response = self.refusal(pipeline.route(self.head(token: token), clients: self.clients))
            #expect(response?.status == 401)
            let challenge = try #require(self.field("WWW-Authenticate", of: response))
            #expect(challenge.hasPrefix(#"Bearer realm="versiongate", error="invalid_token", error_description=""#))
            #expect(challenge.contains(reason))
            #expect(challenge.utf8.allSatisfy { (0x20...0x7E).contains($0) })
            let body = self.body(of: response)
            #expect(body.contains(reason))
            #expect(!body.contains(token) && !challenge.contains(token))
        }
    }

    /// Credentials meant as a bearer token but not well-formed are refused, not taken for another scheme: `optional`
    /// would let them through as anonymous, and `--forward-credentials` would pass them on.
    @Test func aMalformedBearerCredentialIsRefusedInEveryMode() throws {
        for mode in [ClientAuthentication.Mode.optional, .required] {
            let pipeline = try self.pipeline(mode, forwardsCredentials: true)
            for value in ["Bearer\t" + self.revoked.secret, "Bearer" + self.revoked.secret, "bearer", "BEARER  "] {
                let head = self.head([HTTPField("Authorization", value)])
                let response = self.refusal(pipeline.route(head, clients: self.clients))
                #expect(response?.status == 401, "\(mode) \(value)")
                #expect(self.field("WWW-Authenticate", of: response)?.contains("invalid_token") == true)
            }
        }
    }

    /// With the upstream's field renamed, neither the client-id header a client may send nor a CGI-style spelling
    /// of either reaches the upstream.
    @Test func noSpellingOfTheClientIdReachesTheUpstreamButTheRegistrys() throws {
        let configuration = GatewayConfiguration(
            upstream: try UpstreamURL("http://127.0.0.1:9001"),
            authentication: ClientAuthentication(mode: .optional, upstreamClientIDFieldName: "X-Consumer")
        )
        let pipeline = RequestPipeline(configuration: configuration, catalog: try VersionCatalog.bundled())
        let spoofs = [
            HTTPField("X-Client-ID", "cl_other"), HTTPField("X_Client_ID", "cl_other"),
            HTTPField("x_consumer", "cl_other"),
        ]
        let head = self.head(token: self.live.secret, spoofs)
        let exchange = try #require(pipeline.forwardedExchange(head, clients: self.clients))
        let sent = try #require(pipeline.sentRequest(for: head, exchange: exchange))
        #expect(!sent.request.headers.contains { $0.value == "cl_other" })
        #expect(sent.request.headers.filter { $0.name == "X-Consumer" }.map(\.value) == ["cl_live"])
    }

    /// A pin to a version no longer served is the gateway's doing, not the request's: `410`, saying what to do.
    @Test func aPinToAVersionNoLongerServedIsGone() throws {
        let token = ClientToken.generate(.live)
        let clients = ClientSnapshot(
            clients: [
                RegisteredClient(
                    id: "cl_old",
                    name: "old",
                    environment: "live",
                    pin: "v9",
                    createdAt: 1,
                    tokenDigest: token.digest,
                    tokenPrefix: token.displayPrefix
                )
            ],
            generation: 1
        )
        let response = self.refusal(
            try self.pipeline(.required).route(self.head(token: token.secret), clients: clients)
        )
        #expect(response?.status == 410)
        #expect(self.body(of: response).contains("pinned-version-gone"))
        #expect(self.body(of: response).contains("cl_old is pinned to API version v9"))
    }

    @Test func twoAuthorizationFieldsAreRefused() throws {
        let head = self.head(token: self.live.secret, [HTTPField("Authorization", "Bearer " + self.live.secret)])
        let response = self.refusal(try self.pipeline(.required).route(head, clients: self.clients))
        #expect(response?.status == 401)
    }

    @Test func aValidTokenIsServedAsItsClientAndTheUpstreamLearnsItsIdButNotTheToken() throws {
        let pipeline = try self.pipeline(.required)
        let head = self.head(token: self.live.secret, [HTTPField("X-Client-ID", "someone-else")])
        guard case .forward(let exchange) = pipeline.route(head, clients: self.clients) else {
            Issue.record("a valid token is served")
            return
        }
        #expect(exchange.client?.id == "cl_live")
        let sent = try #require(pipeline.sentRequest(for: head, exchange: exchange))
        #expect(!sent.request.headers.contains { $0.name.lowercased() == "authorization" })
        #expect(sent.request.headers.filter { $0.name.lowercased() == "x-client-id" }.map(\.value) == ["cl_live"])
    }

    @Test func forwardingCredentialsKeepsTheAuthorizationField() throws {
        let pipeline = try self.pipeline(.required, forwardsCredentials: true)
        let head = self.head(token: self.live.secret)
        let exchange = try #require(pipeline.forwardedExchange(head, clients: self.clients))
        let sent = try #require(pipeline.sentRequest(for: head, exchange: exchange))
        #expect(sent.request.headers.contains { $0 == ("Authorization", "Bearer " + self.live.secret) })
    }

    @Test func optionalLetsAnonymousRequestsThroughWithoutAClientIdButNotBadTokens() throws {
        let pipeline = try self.pipeline(.optional)
        let head = self.head([HTTPField("X-Client-ID", "cl_live")])
        let exchange = try #require(pipeline.forwardedExchange(head, clients: self.clients))
        #expect(exchange.client == nil)
        let sent = try #require(pipeline.sentRequest(for: head, exchange: exchange))
        #expect(!sent.request.headers.contains { $0.name.lowercased() == "x-client-id" })
        #expect(
            self.refusal(pipeline.route(self.head(token: self.revoked.secret), clients: self.clients))?.status == 401
        )
        // Another scheme is not a client token: anonymous.
        let basic = self.head([HTTPField("Authorization", "Basic dXNlcjpwYXNz")])
        #expect(pipeline.forwardedExchange(basic, clients: self.clients)?.client == nil)
    }

    @Test func offLeavesAuthorizationAndTheClientIdHeaderAsTheClientSentThem() throws {
        let pipeline = try self.pipeline(.off)
        let head = self.head(token: "anything", [HTTPField("X-Client-ID", "acme")])
        let exchange = try #require(pipeline.forwardedExchange(head, clients: self.clients))
        let sent = try #require(pipeline.sentRequest(for: head, exchange: exchange))
        #expect(sent.request.headers.contains { $0 == ("Authorization", "Bearer anything") })
        #expect(sent.request.headers.contains { $0 == ("X-Client-ID", "acme") })
    }

    @Test func aPinServesARequestThatNamesNoVersionAndTheResponseSaysSo() throws {
        let pipeline = try self.pipeline(.required)
        let byPin = try #require(
            pipeline.forwardedExchange(self.head(token: self.pinned.secret), clients: self.clients)
        )
        #expect(byPin.version == VersionName("v2"))
        #expect(byPin.versionSource == .pin)
        #expect(byPin.requested == nil)
        #expect(byPin.stamp.contains(HTTPField("API-Version-Source", "pin")))
        let named = self.head(token: self.pinned.secret, [HTTPField("API-Version", "v1")])
        let byHeader = try #require(pipeline.forwardedExchange(named, clients: self.clients))
        #expect(byHeader.version == VersionName("v1"))
        #expect(byHeader.stamp.contains(HTTPField("API-Version-Source", "header")))
        let unpinned = try #require(
            pipeline.forwardedExchange(self.head(token: self.live.secret), clients: self.clients)
        )
        #expect(unpinned.version == VersionName("v1"))
        #expect(unpinned.stamp.contains(HTTPField("API-Version-Source", "default")))
    }

    @Test func aDraftIsOpenToTheRegisteredClientNotToAHeaderNamingIt() throws {
        let pipeline = try self.pipeline(.optional)
        let spoofed = self.head([HTTPField("X-Client-ID", "cl_pinned"), HTTPField("API-Version", "v2")])
        let refused = self.refusal(pipeline.route(spoofed, clients: self.clients))
        #expect(refused?.status == 403)
        #expect(self.body(of: refused).contains("Present your client token"))
        let real = self.head(token: self.pinned.secret, [HTTPField("API-Version", "v2")])
        #expect(pipeline.forwardedExchange(real, clients: self.clients)?.version == VersionName("v2"))
    }

    @Test func testClientsGoToTheSandboxOrAreRefusedWithoutOne() throws {
        let withoutSandbox = try self.pipeline(.required)
        let response = self.refusal(withoutSandbox.route(self.head(token: self.test.secret), clients: self.clients))
        #expect(response?.status == 403)
        #expect(self.body(of: response).contains("sandbox"))

        let pipeline = try self.pipeline(.required, sandbox: "http://127.0.0.1:9002")
        #expect(pipeline.upstreams.map(\.description) == ["http://127.0.0.1:9001", "http://127.0.0.1:9002"])
        let testExchange = try #require(
            pipeline.forwardedExchange(self.head(token: self.test.secret), clients: self.clients)
        )
        #expect(testExchange.upstream == 1)
        let liveExchange = try #require(
            pipeline.forwardedExchange(self.head(token: self.live.secret), clients: self.clients)
        )
        #expect(liveExchange.upstream == 0)
    }
}
