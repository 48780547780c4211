import Testing

@testable import Gateway

/// `Vary` gains a field name unless a line already lists it or `*` (RFC 9110 §12.5.5).
@Suite struct VaryFieldTests {
    @Test(arguments: [
        ("Vary: *\r\n", false),
        ("vary: accept-encoding\r\n", false),
        ("Vary: Origin,ACCEPT-ENCODING \r\n", false),
        ("Vary: Origin\r\nVary: Accept-Encoding\r\n", false),
        ("Vary: Origin\r\n", true),
        ("Vary: Accept-Encoding-X, ,\r\n", true),
        ("ETag: \"Accept-Encoding\"\r\n", true),
        ("", true),
    ])
    func aNameIsAddedUnlessListed(block: String, adds: Bool) {
        var result = Array(block.utf8)
        VaryField.add("Accept-Encoding", to: &result)
        #expect(String(decoding: result, as: UTF8.self) == block + (adds ? "Vary: Accept-Encoding\r\n" : ""))
    }
}
