import Testing

@testable import Versioning

/// Scopes match a request's path segment by segment, walked in place: the same answers as splitting the path into
/// segments (what follows its first `/`, empty ones kept; `/` has none) and comparing them one by one.
@Suite struct RequestPathTests {
    static let paths = [
        "/", "", "abc", "abc/", "/purchase-orders", "/purchase-orders/", "/purchase-orders/po_1",
        "/purchase-orders//po_1", "//", "/purchase-orders/po_1/lines", "/vendors/ven_1", "/café", "/cafe\u{301}",
        // A slash that is part of a larger character: a combining mark after it, a prepended one before it.
        "/purchase-orders/\u{301}", "/\u{301}", "/\u{600}/po_1",
    ]
    static let templates = [
        "/", "/purchase-orders", "/purchase-orders/{id}", "/{kind}", "/{kind}/{id}", "/purchase-orders/{id}/lines",
        "/café",
    ]

    @Test(arguments: Self.paths)
    func matchesAsSplitSegmentsWould(path: String) throws {
        for text in Self.templates {
            let template = try #require(PathTemplate(text))
            #expect(
                RequestPath(path).matches(template) == Self.splitMatch(path, template),
                "\(path) against \(text)"
            )
        }
    }

    @Test func placeholdersTakeNoEmptySegment() throws {
        #expect(!RequestPath("/purchase-orders/").matches(try #require(PathTemplate("/purchase-orders/{id}"))))
        #expect(RequestPath("/purchase-orders/po_1").matches(try #require(PathTemplate("/purchase-orders/{id}"))))
    }

    /// The oracle, as scopes were matched before: the path's UTF-8 split at each `/` byte into an array of
    /// segments, then compared pairwise.
    private static func splitMatch(_ path: String, _ template: PathTemplate) -> Bool {
        let segments =
            path == "/"
            ? []
            : path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst().map {
                String(Substring($0))
            }
        guard segments.count == template.segments.count else { return false }
        return zip(template.segments, segments).allSatisfy { expected, segment in
            switch expected {
            case .literal(let text): text == segment
            case .placeholder: !segment.isEmpty
            }
        }
    }
}
