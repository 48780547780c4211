/// One header field as received or to be sent. The name keeps its case for forwarding; comparisons use
/// ``canonicalName``, its ASCII-lowercase form, computed once.
public struct HTTPField: Sendable, Hashable {
    public let name: String
    /// The name in ASCII lowercase (`content-length`), for comparisons by `==`.
    public let canonicalName: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.canonicalName = HTTPSyntax.asciiLowercased(name)
        self.value = value
    }

    init(name: String, canonicalName: String, value: String) {
        self.name = name
        self.canonicalName = canonicalName
        self.value = value
    }

    /// Whether this field is named `canonicalName`, which must already be lowercase.
    @inline(__always)
    public func hasName(_ canonicalName: String) -> Bool {
        self.canonicalName == canonicalName
    }
}

extension Array where Element == HTTPField {
    /// The first value of the field named `canonicalName` (lowercase).
    public func first(_ canonicalName: String) -> String? {
        for field in self where field.canonicalName == canonicalName { return field.value }
        return nil
    }

    /// Every value of the fields named `canonicalName` (lowercase), in order.
    public func values(_ canonicalName: String) -> [String] {
        var values: [String] = []
        for field in self where field.canonicalName == canonicalName { values.append(field.value) }
        return values
    }

    /// Every comma-separated list element of the fields named `canonicalName` (lowercase), trimmed and
    /// lowercased (`Connection: close, X-Foo` → `["close", "x-foo"]`).
    public func tokens(_ canonicalName: String) -> [String] {
        var tokens: [String] = []
        for field in self where field.canonicalName == canonicalName {
            for element in field.value.utf8.split(separator: UInt8(ascii: ",")) {
                let token = HTTPSyntax.asciiLowercased(HTTPSyntax.trimmingOptionalWhitespace(element))
                if !token.isEmpty { tokens.append(token) }
            }
        }
        return tokens
    }
}
