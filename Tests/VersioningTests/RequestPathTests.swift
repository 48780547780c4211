import Testing

@testable import Versioning

/// Scopes match a request's path segment by segment, as an upstream that normalizes paths reads it.
@Suite struct RequestPathTests {
    /// Paths written plainly, walked in place: the same answers as splitting the path's UTF-8 at each `/` byte into
    /// an array of segments (what follows its first `/`; `/` has none) and comparing their bytes one by one.
    static let plainPaths = [
        "/", "", "abc", "/purchase-orders", "/purchase-orders/po_1", "/purchase-orders/po_1/lines", "/vendors/ven_1",
        "/café", "/cafe\u{301}", "abc/def",
        // A slash that is part of a larger character: a combining mark after it, a prepended one before it.
        "/purchase-orders/\u{301}", "/\u{301}", "/\u{600}/po_1",
    ]
    static let templates = [
        "/", "/purchase-orders", "/purchase-orders/{id}", "/{kind}", "/{kind}/{id}", "/purchase-orders/{id}/lines",
        "/café",
    ]

    @Test(arguments: Self.plainPaths)
    func plainPathsMatchAsSplitSegmentsWould(path: String) throws {
        for text in Self.templates {
            let template = try #require(PathTemplate(text))
            #expect(
                RequestPath(path).matches(template) == Self.splitMatch(path, template),
                "\(path) against \(text)"
            )
        }
    }

    /// Other spellings of an endpoint meet its scope, so that no request gets part of a version's changes.
    @Test(arguments: [
        ("/purchase-orders/", "/purchase-orders"),
        ("//purchase-orders", "/purchase-orders"),
        ("/purchase-orders//po_1", "/purchase-orders/{id}"),
        ("/purchase-orders/./po_1", "/purchase-orders/{id}"),
        ("/x/../purchase-orders", "/purchase-orders"),
        ("/../purchase-orders", "/purchase-orders"),
        ("/%70urchase-orders", "/purchase-orders"),
        ("/%70URCHASE-orders", "/pURCHASE-orders"),
        ("/purchase-orders/%2E/po_1", "/purchase-orders/{id}"),
        ("/connections/con_1/syncs/", "/connections/{id}/syncs"),
        ("//", "/"),
        ("/./", "/"),
        // A `/` byte divides segments even where a combining mark after it makes one character of the two.
        ("//purchase-orders/\u{301}", "/purchase-orders/{id}"),
    ])
    func otherSpellingsOfAnEndpointMatchIt(path: String, template: String) throws {
        #expect(RequestPath(path).matches(try #require(PathTemplate(template))))
    }

    @Test(arguments: [
        ("/purchase-orders/", "/purchase-orders/{id}"),
        ("/purchase-orders/%2F", "/purchase-orders/{id}/{x}"),
        ("/purchase%2Dorders", "/purchase%2Dorders"),
        ("/purchase-orders/..", "/purchase-orders"),
        ("/%7", "/%"),
    ])
    func reservedEscapesAndRemovedSegmentsDoNot(path: String, template: String) throws {
        #expect(!RequestPath(path).matches(try #require(PathTemplate(template))))
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
            // Byte for byte (RFC 3986 §6.2.1): `cafe` and a combining accent is not `café`, as no upstream routes it so.
            case .literal(let text): text.utf8.elementsEqual(segment.utf8)
            case .placeholder: !segment.isEmpty
            }
        }
    }
}
