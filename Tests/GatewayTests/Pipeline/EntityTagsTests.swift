import Testing
import Versioning

@testable import Gateway

/// Each version's representation has its own entity tag, and conditional requests map back to the upstream's.
@Suite struct EntityTagsTests {
    private let v1 = VersionName("v1")!

    private func clientTag(_ upstream: String, acceptsGzip: Bool) -> String? {
        var upstream = upstream
        return upstream.withUTF8 {
            EntityTags.clientTag(UnsafeRawBufferPointer($0), version: self.v1, acceptsGzip: acceptsGzip)
        }
        .map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(arguments: [
        (#""po1-rev7""#, #""po1-rev7.vg-v1""#), (#"W/"po1-rev7""#, #"W/"po1-rev7.vg-v1""#), (#""""#, #"".vg-v1""#),
        (#" "révision-7" "#, #""révision-7.vg-v1""#), (#"W/"!#~""#, #"W/"!#~.vg-v1""#),
        // obs-text right after a quote is part of the tag (RFC 9110 §8.8.3), though as characters it joins the quote.
        ("\"\u{301}rev7\"", "\"\u{301}rev7.vg-v1\""),
    ])
    func aTranslatedRepresentationsTagIsMarkedWithItsVersionAndKeepsItsStrength(upstream: String, client: String) {
        #expect(self.clientTag(upstream, acceptsGzip: false) == client)
    }

    @Test func aClientThatMayGetGzipHasTagsOfItsOwn() {
        #expect(self.clientTag(#""po1-rev7""#, acceptsGzip: true) == #""po1-rev7.vg-v1-gz""#)
        #expect(self.clientTag(#"W/"r""#, acceptsGzip: true) == #"W/"r.vg-v1-gz""#)
    }

    @Test(arguments: [
        #""sp ace""#, "po1-rev7", #""unterminated"#, #""a" trailing"#, "*", #""a" "b""#, #"w/"lower""#, #"W/"x", "y""#,
    ])
    func aValueThatIsNotOneEntityTagGetsNoMark(upstream: String) {
        #expect(self.clientTag(upstream, acceptsGzip: false) == nil)
    }

    @Test(arguments: [
        (#""po1.vg-v1""#, false, #""po1""#),
        (#""po1.vg-v1-gz""#, true, #""po1""#),
        (#"W/"a.vg-v1", "b,c.vg-v1""#, false, #"W/"a", "b,c""#),
        (#" * "#, false, "*"),
    ])
    func theTagsOfTheClientsRepresentationLoseTheirMarkOnTheWayUpstream(
        client: String,
        acceptsGzip: Bool,
        upstream: String
    ) {
        #expect(EntityTags.upstreamCondition(client, version: self.v1, acceptsGzip: acceptsGzip) == upstream)
    }

    /// Another version's, another coding's or the upstream's own tag never matches what this client is served.
    @Test func tagsOfOtherRepresentationsGo() {
        #expect(EntityTags.upstreamCondition(#""a.vg-v1", "other""#, version: self.v1, acceptsGzip: false) == #""a""#)
        #expect(
            EntityTags.upstreamCondition("\"x.vg-v1\", \"\u{301}y.vg-v1\"", version: self.v1, acceptsGzip: false)
                == "\"x\", \"\u{301}y\""
        )
        for value in [#""po1""#, #""a.vg-v2""#, #""a.vg-v1-gz""#] {
            #expect(EntityTags.upstreamCondition(value, version: self.v1, acceptsGzip: false) == nil)
        }
        #expect(EntityTags.upstreamCondition(#""a.vg-v1""#, version: self.v1, acceptsGzip: true) == nil)
    }

    /// RFC 9110 §13.1: a value that breaks the grammar is not partly honoured.
    @Test func aValueThatBreaksTheGrammarKeepsNoTag() {
        let broken = #""a.vg-v1", garbage, "po1-rev7.vg-v1""#
        #expect(EntityTags.upstreamCondition(broken, version: self.v1, acceptsGzip: false) == nil)
        #expect(EntityTags.upstreamCondition(#""a.vg-v1""b.vg-v1""#, version: self.v1, acceptsGzip: false) == nil)
        #expect(EntityTags.upstreamCondition(#""a.vg-v1" "b.vg-v1""#, version: self.v1, acceptsGzip: false) == nil)
        #expect(EntityTags.upstreamCondition(#""sp ace.vg-v1""#, version: self.v1, acceptsGzip: false) == nil)
    }
}
