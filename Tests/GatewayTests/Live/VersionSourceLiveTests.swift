import Gateway
import TestSupport
import Testing

/// A live gateway reading the version from a path prefix and a query parameter as well as the header.
@Suite("Version sources through a live gateway")
struct VersionSourceLiveTests {
    private static func readEverySource(_ configuration: inout GatewayConfiguration) {
        configuration.versionSources = VersionSources(queryParameter: "api-version", pathPrefix: true)
    }

    @Test func thePrefixAndTheParameterAreReadThenRemovedBeforeTheUpstream() async throws {
        try await withLiveGateway(configure: Self.readEverySource) { gateway throws in
            let client = try gateway.client()
            for target in ["/v1/echo/a?x=1", "/echo/a?api-version=v1&x=1", "/v1/echo/a?x=1&api-version=v1"] {
                let response = try client.request("GET", target, headers: [("API-Version", "v1")])
                #expect(response.status == 200)
                #expect(response.header("X-Echo-Target") == "/echo/a?x=1")
                #expect(response.header("API-Version") == "v1")
            }
        }
    }

    @Test func sourcesThatDisagreeGet400AmbiguousVersionAndTheUpstreamNothing() async throws {
        try await withLiveGateway(configure: Self.readEverySource) { gateway throws in
            let response = try gateway.client().request("GET", "/v1/echo/a", headers: [("API-Version", "v2")])
            #expect(response.status == 400)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.text.contains(#""type":"urn:versiongate:problem:ambiguous-version""#))
            #expect(response.text.contains("v1 in the path, v2 in the API-Version header"))
            #expect(gateway.upstream.requestsReceived == 0)
        }
    }
}
