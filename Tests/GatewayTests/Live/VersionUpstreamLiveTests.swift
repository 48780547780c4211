import CurlClient
import Gateway
import TestSupport
import Testing
import Versioning

/// A handler per version: v1 stays on a legacy upstream that speaks it, v2 goes to the default upstream.
@Suite("Upstreams per version through a live gateway")
struct VersionUpstreamLiveTests {
    /// v1 deprecated since 2026-03-01 (sunset 2027-06-01), v2 current since 2026-01-01.
    private static let catalog = VersionCatalog.succession(
        from: "v1",
        releasedOn: "2025-01-01",
        deprecatedOn: "2026-03-01",
        sunsetOn: "2027-06-01",
        to: "v2",
        releasedOn: "2026-01-01"
    )

    private func withLegacyUpstream(
        _ body: (LiveGateway, EchoUpstream) async throws -> Void
    ) async throws {
        let legacy = try await EchoUpstream.start()
        do {
            let legacyURL = try UpstreamURL(legacy.url)
            try await withLiveGateway(catalog: Self.catalog) { configuration in
                configuration.versionUpstreams = [VersionName("v1")!: legacyURL]
                configuration.clock = { Instant(rfc3339: "2026-11-29T12:00:00Z")! }
            } _: { gateway in
                try await body(gateway, legacy)
            }
        } catch {
            try? await legacy.stop()
            throw error
        }
        try await legacy.stop()
    }

    @Test func eachVersionReachesOnlyItsOwnUpstreamUntranslatedWithItsLifecycleFields() async throws {
        try await self.withLegacyUpstream { gateway, legacy in
            let client = try gateway.client()
            for _ in 0..<3 {
                let v1 = try client.request(
                    "GET",
                    "/echo/v1",
                    headers: [("API-Version", "v1"), ("X-Echo-Fields", "yes")]
                )
                #expect(v1.status == 200)
                #expect(v1.header("X-Echo-Target") == "/echo/v1")
                #expect(v1.header("X-Echo-API-Version") == "v1")
                #expect(v1.header("API-Version") == "v1")
                #expect(v1.header("Deprecation") == "@1772323200")
                #expect(v1.header("Sunset") == "Tue, 01 Jun 2027 00:00:00 GMT")
            }
            for _ in 0..<2 {
                let v2 = try client.request("GET", "/echo/v2", headers: [("X-Echo-Fields", "yes")])
                #expect(v2.status == 200)
                #expect(v2.header("X-Echo-API-Version") == "v2")
                #expect(v2.header("API-Version") == "v2")
                #expect(v2.header("Deprecation") == nil)
            }
            #expect(legacy.requestsReceived == 3)
            #expect(gateway.upstream.requestsReceived == 2)
        }
    }

    @Test func aRetiredVersionWithItsOwnUpstreamAnswers410WithoutReachingIt() async throws {
        let legacy = try await EchoUpstream.start()
        let legacyURL = try UpstreamURL(legacy.url)
        try await withLiveGateway(catalog: Self.catalog) { configuration in
            configuration.versionUpstreams = [VersionName("v1")!: legacyURL]
            configuration.clock = { Instant(rfc3339: "2027-06-02T00:00:00Z")! }
        } _: { gateway in
            let response = try gateway.client().request("GET", "/echo/v1", headers: [("API-Version", "v1")])
            #expect(response.status == 410)
            #expect(legacy.requestsReceived == 0)
        }
        try await legacy.stop()
    }

    @Test func healthReportsEachUpstreamAndWhatItsLastTransferSaid() async throws {
        try await self.withLegacyUpstream { gateway, legacy in
            let client = try gateway.client()
            let before = try client.request("GET", "/_versiongate/health").text
            #expect(
                before == #"{"status":"ok","versions":["v1","v2"],"upstreams":["#
                    + #"{"serves":["v2"],"speaks":["v2"],"state":"unknown"},"#
                    + #"{"serves":["v1"],"speaks":["v1"],"state":"unknown"}]}"#
            )
            #expect(try client.request("GET", "/echo/x", headers: [("API-Version", "v1")]).status == 200)
            try await legacy.stop()
            #expect(try client.request("GET", "/echo/x", headers: [("API-Version", "v1")]).status == 502)
            #expect(try client.request("GET", "/echo/x").status == 200)
            let after = try client.request("GET", "/_versiongate/health").text
            #expect(
                after == #"{"status":"degraded","versions":["v1","v2"],"upstreams":["#
                    + #"{"serves":["v2"],"speaks":["v2"],"state":"answering"},"#
                    + #"{"serves":["v1"],"speaks":["v1"],"state":"unreachable"}]}"#
            )
        }
    }

    @Test func everyLoopReportsTheSameHealth() async throws {
        // A held port nobody listens on: a stopped server's port could be taken by a test running beside.
        let refusing = try ListeningTCPSocket(listening: false)
        let legacyURL = try UpstreamURL("http://127.0.0.1:\(refusing.port)")
        try await withLiveGateway(threads: 2, catalog: Self.catalog) { configuration in
            configuration.versionUpstreams = [VersionName("v1")!: legacyURL]
        } _: { gateway in
            #expect(try gateway.client().request("GET", "/", headers: [("API-Version", "v1")]).status == 502)
            for _ in 0..<6 {
                let health = try gateway.client().request("GET", "/_versiongate/health").text
                #expect(health.hasPrefix(#"{"status":"degraded""#), "\(health)")
            }
        }
    }
}
