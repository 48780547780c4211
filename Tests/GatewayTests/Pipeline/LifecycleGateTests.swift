import CurlClient
import Gateway
import Testing
import Usage
import Versioning

@Suite struct LifecycleGateTests {
    /// v1 deprecated 2026-03-01, a brownout on 2026-12-01 09:00–10:00, sunset 2027-03-01; v2 current since 2026-01-01;
    /// v3 a draft previewed by `acme` only.
    private func pipeline(at now: String, documentationBaseURL: String? = nil) throws -> RequestPipeline {
        let manifests = [
            VersionManifest(
                name: VersionName("v1")!,
                status: .deprecated,
                released: CalendarDate("2025-01-01"),
                deprecated: CalendarDate("2026-03-01"),
                sunset: CalendarDate("2027-03-01"),
                successor: VersionName("v2"),
                brownouts: [
                    BrownoutWindow(
                        start: Instant(rfc3339: "2026-12-01T09:00:00Z")!,
                        end: Instant(rfc3339: "2026-12-01T10:00:00Z")!
                    )
                ]
            ),
            VersionManifest(
                name: VersionName("v2")!,
                status: .current,
                released: CalendarDate("2026-01-01"),
                previous: VersionName("v1"),
                successor: VersionName("v3")
            ),
            VersionManifest(
                name: VersionName("v3")!,
                status: .draft,
                previous: VersionName("v2"),
                preview: .clients(["acme"])
            ),
        ]
        let instant = Instant(rfc3339: now)!
        let configuration = GatewayConfiguration(
            upstream: try UpstreamURL("http://127.0.0.1:9"),
            documentationBaseURL: documentationBaseURL,
            clock: { instant }
        )
        return RequestPipeline(configuration: configuration, catalog: try VersionCatalog(manifests))
    }

    private func route(_ pipeline: RequestPipeline, version: String, client: String? = nil) -> RequestPipeline.Decision
    {
        var fields = [HTTPField("Host", "api"), HTTPField("API-Version", version)]
        if let client { fields.append(HTTPField("X-Client-ID", client)) }
        return pipeline.route(RequestHead(method: "GET", target: "/orders", headers: fields))
    }

    @Test func beforeDeprecationResponsesArePlain() throws {
        guard case .forward(let exchange) = self.route(try self.pipeline(at: "2026-02-28T23:59:59Z"), version: "v1")
        else {
            Issue.record("v1 should be served")
            return
        }
        #expect(
            exchange.stamp == [
                HTTPField("API-Version", "v1"), HTTPField("Vary", "API-Version"),
                HTTPField("API-Version-Source", "header"),
            ]
        )
    }

    @Test func deprecatedResponsesCarryDeprecationSunsetAndLinks() throws {
        guard case .forward(let exchange) = self.route(try self.pipeline(at: "2026-03-01T00:00:00Z"), version: "v1")
        else {
            Issue.record("v1 should be served")
            return
        }
        #expect(
            exchange.stamp == [
                HTTPField("API-Version", "v1"), HTTPField("Vary", "API-Version"),
                HTTPField("Deprecation", "@1772323200"), HTTPField("Sunset", "Mon, 01 Mar 2027 00:00:00 GMT"),
                HTTPField("Link", "</_versiongate/guides/v1-to-v2>; rel=\"deprecation\"; type=\"text/markdown\""),
                HTTPField("Link", "</_versiongate/guides/v1-to-v2>; rel=\"successor-version\""),
                HTTPField("API-Version-Source", "header"),
            ]
        )
    }

    @Test func aDocumentationSiteServesTheGuidesAsHTML() throws {
        let pipeline = try self.pipeline(
            at: "2026-06-01T00:00:00Z",
            documentationBaseURL: "https://docs.example.com/migrations"
        )
        guard case .forward(let exchange) = self.route(pipeline, version: "v1") else {
            Issue.record("not served")
            return
        }
        #expect(
            exchange.stamp.contains(
                HTTPField(
                    "Link",
                    "<https://docs.example.com/migrations/v1-to-v2>; rel=\"deprecation\"; type=\"text/html\""
                )
            )
        )
    }

    @Test func insideABrownoutTheVersionAnswers410() throws {
        guard
            case .refuse(let response, _, _, _) = self.route(
                try self.pipeline(at: "2026-12-01T09:30:00Z"),
                version: "v1"
            )
        else {
            Issue.record("a brownout must not reach the upstream")
            return
        }
        #expect(response.status == 410)
        let body = String(decoding: response.body, as: UTF8.self)
        #expect(body.contains("switched off until 2026-12-01T10:00:00Z"))
        #expect(body.contains("\"successor_version\":\"v2\""))
        #expect(response.headers.contains(HTTPField("Sunset", "Mon, 01 Mar 2027 00:00:00 GMT")))
    }

    @Test func afterTheSunsetTheVersionIsGone() throws {
        guard
            case .refuse(let response, let requested, let served, _) = self.route(
                try self.pipeline(at: "2027-03-01T00:00:00Z"),
                version: "v1"
            )
        else {
            Issue.record("a retired version must not reach the upstream")
            return
        }
        #expect(requested == .named(VersionName("v1")!) && served == VersionName("v1"), "the ledger counts it under v1")
        #expect(response.status == 410)
        #expect(response.headers.first("content-type") == "application/problem+json")
        let body = String(decoding: response.body, as: UTF8.self)
        #expect(
            body.contains(
                "API version v1 was retired on 2027-03-01. Use v2 instead; see the migration guide at /_versiongate/guides/v1-to-v2."
            )
        )
        #expect(body.contains("\"migration_guide\":\"/_versiongate/guides/v1-to-v2\""))
    }

    @Test func aDraftServesItsPreviewClientsMarkedAsDraft() throws {
        guard
            case .forward(let exchange) = self.route(
                try self.pipeline(at: "2026-06-01T00:00:00Z"),
                version: "v3",
                client: "acme"
            )
        else {
            Issue.record("acme may preview v3")
            return
        }
        #expect(exchange.stamp.contains(HTTPField("API-Version-Status", "draft")))
    }

    @Test(arguments: [nil, "globex"])
    func aDraftRefusesOtherClientsWithAWayIn(client: String?) throws {
        guard
            case .refuse(let response, _, _, _) = self.route(
                try self.pipeline(at: "2026-06-01T00:00:00Z"),
                version: "v3",
                client: client
            )
        else {
            Issue.record("only preview clients may use a draft")
            return
        }
        #expect(response.status == 403)
        let body = String(decoding: response.body, as: UTF8.self)
        #expect(body.contains("preview list"))
        #expect(body.contains("or use v2"))
    }
}
