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
        #expect(EntityTags.clientTag(upstream, version: self.v1, acceptsGzip: false) == client)
    }

    @Test func aClientThatMayGetGzipHasTagsOfItsOwn() {
        #expect(EntityTags.clientTag(#""po1-rev7""#, version: self.v1, acceptsGzip: true) == #""po1-rev7.vg-v1-gz""#)
        #expect(EntityTags.clientTag(#"W/"r""#, version: self.v1, acceptsGzip: true) == #"W/"r.vg-v1-gz""#)
    }

    @Test(arguments: ["po1-rev7", #""unterminated"#, #""a" trailing"#])
    func aValueThatIsNoEntityTagIsLeftAlone(upstream: String) {
        #expect(EntityTags.clientTag(upstream, version: self.v1, acceptsGzip: false) == nil)
    }

    @Test(arguments: [
        (#""po1.vg-v1""#, #""po1""#),
        (#""po1.vg-v1-gz""#, #""po1""#),
        (#""a.vg-v1-gz", W/"b.vg-v1""#, #""a", W/"b""#),
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
