import Gateway
import TestSupport
import Testing
import Versioning

/// A catalog named by release dates, through a live gateway: headers, guide links and the sunset's 410.
@Suite("Date-named versions through a live gateway")
struct DateNamedVersionLiveTests {
    /// 2024-01-01 deprecated on 2024-07-01 with its sunset on 2025-07-01; 2024-06-20 current.
    private static let catalog = VersionCatalog.succession(
        from: "2024-01-01",
        releasedOn: "2024-01-01",
        deprecatedOn: "2024-07-01",
        sunsetOn: "2025-07-01",
        to: "2024-06-20",
        releasedOn: "2024-06-20"
    )

    private static func at(_ time: String) -> (inout GatewayConfiguration) -> Void {
        { configuration in configuration.clock = { Instant(rfc3339: time)! } }
    }

    @Test func aDeprecatedDateNamedVersionIsStampedAndLinksItsGuide() async throws {
        try await withLiveGateway(catalog: Self.catalog, configure: Self.at("2025-01-01T00:00:00Z")) { gateway in
            let client = try gateway.client()
            let older = try client.request("GET", "/echo/x", headers: [("API-Version", "2024-01-01")])
            #expect(older.status == 200)
            #expect(older.header("API-Version") == "2024-01-01")
            #expect(older.header("Deprecation") == "@1719792000")
            #expect(older.header("Sunset") == "Tue, 01 Jul 2025 00:00:00 GMT")
            #expect(
                older.headers.filter { $0.0 == "Link" }.map(\.1) == [
                    #"</_versiongate/guides/2024-01-01-to-2024-06-20>; rel="deprecation"; type="text/markdown""#,
                    #"</_versiongate/guides/2024-01-01-to-2024-06-20>; rel="successor-version""#,
                ]
            )
            let current = try client.request("GET", "/echo/x")
            #expect(current.header("API-Version") == "2024-06-20")
            #expect(current.header("Deprecation") == nil)
        }
    }

    @Test func afterItsSunsetADateNamedVersionAnswers410NamingItsSuccessor() async throws {
        try await withLiveGateway(catalog: Self.catalog, configure: Self.at("2025-07-02T00:00:00Z")) { gateway in
            let response = try gateway.client().request("GET", "/echo/x", headers: [("API-Version", "2024-01-01")])
            #expect(response.status == 410)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.text.contains(#""successor_version":"2024-06-20""#))
            #expect(gateway.upstream.requestsReceived == 0)
        }
    }

    @Test func aVersionNamedByADayThatDoesNotExistIsA400() async throws {
        try await withLiveGateway(catalog: Self.catalog) { gateway in
            let response = try gateway.client().request("GET", "/echo/x", headers: [("API-Version", "2024-02-30")])
            #expect(response.status == 400)
            #expect(response.text.contains("'2024-02-30' in the API-Version header is not a version name"))
        }
    }
}
