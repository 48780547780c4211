import Testing
import Versioning

@testable import Gateway

/// Each version's representation has its own entity tag, and conditional requests map back to the upstream's.
@Suite struct EntityTagsTests {
    private let v1 = VersionName("v1")!

    @Test(arguments: [
        (#""po1-rev7""#, #""po1-rev7.vg-v1""#), (#"W/"po1-rev7""#, #"W/"po1-rev7.vg-v1""#), (#""""#, #"".vg-v1""#),
    ])
    func aTranslatedRepresentationsTagIsMarkedWithItsVersionAndKeepsItsStrength(upstream: String, client: String) {
        #expect(EntityTags.clientTag(upstream, version: self.v1) == client)
    }

    @Test(arguments: ["po1-rev7", #""unterminated"#, #""a" trailing"#])
    func aValueThatIsNoEntityTagIsLeftAlone(upstream: String) {
        #expect(EntityTags.clientTag(upstream, version: self.v1) == nil)
    }

    @Test(arguments: [
        (#""po1.vg-v1""#, #""po1""#),
        (#"W/"a.vg-v1", "b,c.vg-v1""#, #"W/"a", "b,c""#),
        (#""a.vg-v1", "other""#, #""a", "other""#),
        ("*", "*"),
        (#""a.vg-v2""#, #""a.vg-v2""#),
        (#""plain""#, #""plain""#),
    ])
    func aClientsTagsLoseTheirVersionsMarkOnTheWayUpstream(client: String, upstream: String) {
        #expect(EntityTags.upstreamTags(client, version: self.v1) == upstream)
    }
}
