import Testing

@testable import Gateway

/// RFC 9110 §5.6.7: the three forms a recipient must accept, and near misses of each.
@Suite struct HTTPDateTests {
    @Test(arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "Thu, 31 Dec 2026 23:59:60 GMT",
        "Wed Dec 31 23:59:59 2025",
    ])
    func httpDatesAreValid(_ value: String) {
        #expect(Array(value.utf8).withUnsafeBytes { HTTPDate.isValid($0[...]) })
    }

    @Test(arguments: [
        "bogus",
        "",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 00 Nov 1994 08:49:37 GMT",
        "Sun, 32 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:37 GMT",
        "Sun, 06 Nov 1994 08:49:61 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT ",
        "Sundae, 06-Nov-94 08:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sun Nov 06 08:49:37 94",
        "Sun Nov  0 08:49:37 1994",
        "1994-11-06T08:49:37Z",
    ])
    func othersAreNot(_ value: String) {
        #expect(!Array(value.utf8).withUnsafeBytes { HTTPDate.isValid($0[...]) })
    }
}
