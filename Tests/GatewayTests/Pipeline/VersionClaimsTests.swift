import Testing
import Versioning

@testable import Gateway

/// Where a request names its version, read from its target and header alone.
@Suite struct VersionClaimsTests {
    private func claims(_ target: String, header: String? = nil, sources: VersionSources) -> VersionClaims {
        VersionClaims(
            target: target,
            fields: header.map { [HTTPField("API-Version", $0)] } ?? [],
            header: ("API-Version", "api-version"),
            sources: sources,
            isVersionName: { VersionName($0) != nil }
        )
    }

    private let everySource = VersionSources(queryParameter: "api-version", pathPrefix: true)

    @Test(arguments: [
        ("/v1/orders/1?x=1", "v1", "/orders/1?x=1"),
        ("/v1", "v1", "/"),
        ("/v1/", "v1", "/"),
        ("/v1?x=1", "v1", "/?x=1"),
        ("/2024-06-20/orders", "2024-06-20", "/orders"),
    ])
    func aVersionPathPrefixIsReadAndRemoved(target: String, version: String, stripped: String) {
        let claims = self.claims(target, sources: self.everySource)
        #expect(claims.fromTarget.map(\.value) == [version[...]])
        #expect(claims.strippedTarget == stripped)
        #expect(claims.usedPathPrefix)
    }

    @Test(arguments: ["/orders/v1", "/v1orders/1", "/version/1", "/V1/x", "/"])
    func aFirstSegmentThatIsNoVersionNameIsPartOfThePath(target: String) {
        let claims = self.claims(target, sources: self.everySource)
        #expect(claims.fromTarget.isEmpty)
        #expect(claims.strippedTarget == nil)
        #expect(!claims.usedPathPrefix)
    }

    @Test func theQueryParameterIsReadAndRemovedKeepingTheOthersInOrder() {
        let claims = self.claims("/orders?a=1&api-version=2024-06-20&b=&api-versionx=2", sources: self.everySource)
        #expect(claims.fromTarget.map(\.source) == [.queryParameter("api-version")])
        #expect(claims.fromTarget.map(\.value) == ["2024-06-20"])
        #expect(claims.strippedTarget == "/orders?a=1&b=&api-versionx=2")
    }

    @Test func everySourceIsVisitedPathFirstHeaderLast() {
        let claims = self.claims("/v1/orders?api-version=v2&api-version=v1", header: "v3", sources: self.everySource)
        var visited: [VersionClaims.Claim] = []
        claims.inCheckingOrder { visited.append($0) }
        #expect(
            visited.map(\.source) == [
                .pathPrefix, .queryParameter("api-version"), .queryParameter("api-version"), .header("API-Version"),
            ]
        )
        #expect(visited.map(\.value) == ["v1", "v2", "v1", "v3"])
        #expect(claims.strippedTarget == "/orders")
    }

    @Test func withOnlyTheHeaderTheTargetIsNeitherReadNorRewritten() {
        let claims = self.claims("/v1/orders?api-version=v2", header: "v1", sources: .headerOnly)
        #expect(claims.fromTarget.isEmpty)
        #expect(claims.header == VersionClaims.Claim(source: .header("API-Version"), value: "v1"))
        #expect(claims.strippedTarget == nil)
    }

    @Test(arguments: [
        ("api%2Dversion", "api-version"), ("v%31", "v1"), ("2024%2d06%2D20", "2024-06-20"), ("plain", "plain"),
        ("bad%2", "bad%2"), ("bad%zz", "bad%zz"),
    ])
    func percentEncodedOctetsAreDecodedAndMalformedEscapesLeftAsTheyAre(encoded: String, decoded: String) {
        #expect(VersionClaims.percentDecoded(encoded[...]) == decoded[...])
    }

    @Test(arguments: [
        (VersionLinkScheme.header, "/vendors/s?x=1#f", "/vendors/s?x=1#f"),
        (.pathPrefix, "/vendors/s?x=1#f", "/v1/vendors/s?x=1#f"),
        (.pathPrefix, "/", "/v1"),
        (.pathPrefix, "/?x=1", "/v1?x=1"),
        (.queryParameter("api-version"), "/vendors/s", "/vendors/s?api-version=v1"),
        (.queryParameter("api-version"), "/vendors/s?x=1#f", "/vendors/s?x=1&api-version=v1#f"),
    ])
    func linksNameTheVersionTheWayTheClientDid(scheme: VersionLinkScheme, reference: String, link: String) {
        #expect(scheme.link(reference, in: VersionName("v1")!) == link)
    }

    @Test func thePathPrefixDecidesHowLinksNameTheVersionThenTheQueryParameter() {
        #expect(self.claims("/v1/orders?api-version=v1", sources: self.everySource).linkScheme == .pathPrefix)
        #expect(
            self.claims("/orders?api-version=v1", sources: self.everySource).linkScheme
                == .queryParameter("api-version")
        )
        #expect(self.claims("/orders", header: "v1", sources: self.everySource).linkScheme == .header)
    }
}
