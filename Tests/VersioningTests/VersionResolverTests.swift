import Testing
import Versioning

@Suite struct VersionResolverTests {
    private let resolver = VersionResolver(catalog: try! VersionCatalog.bundled())

    @Test func missingHeaderResolvesToTheDefault() {
        #expect(self.resolver.resolve(header: nil) == .success(VersionName("v1")!))
    }

    @Test func missingHeaderResolvesToThePinWhenThereIsOne() {
        #expect(self.resolver.resolve(header: nil, pinned: VersionName("v2")) == .success(VersionName("v2")!))
    }

    @Test func theHeaderWinsOverThePin() {
        #expect(self.resolver.resolve(header: "v1", pinned: VersionName("v2")) == .success(VersionName("v1")!))
    }

    @Test func surroundingWhitespaceIsIgnored() {
        #expect(self.resolver.resolve(header: " v2\t") == .success(VersionName("v2")!))
    }

    /// Only spaces and tabs at either end go (RFC 9110 §5.5); inside, and other characters, stay.
    @Test(arguments: [
        (" \t v2 \t ", "v2"), ("v2", "v2"), (" \t ", ""), ("", ""), ("v1 v2", "v1 v2"), ("\u{A0}v2 ", "\u{A0}v2"),
        (" é ", "é"), ("\nv2", "\nv2"),
    ])
    func trimmingTakesOnlySpacesAndTabsAtTheEnds(value: String, trimmed: String) {
        #expect(value.trimmingSpacesAndTabs() == trimmed)
        #expect(value[...].trimmingSpacesAndTabs() == trimmed)
    }

    @Test func unknownVersionIsAFailure() {
        #expect(self.resolver.resolve(header: "v9") == .failure(.unknown(VersionName("v9")!)))
    }

    @Test(arguments: ["", "latest", "V1", "v01", "v", "1", "v1.0", "v-1", "v1 v2"])
    func malformedNamesAreFailures(header: String) {
        #expect(self.resolver.resolve(header: header) == .failure(.malformed(header.trimmingCharacters(in: " "))))
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        String(self.drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
