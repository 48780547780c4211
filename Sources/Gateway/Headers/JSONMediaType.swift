/// Whether a representation is JSON, by its `Content-Type` (RFC 9110 §8.3): declared changes describe JSON
/// documents, so only JSON bodies are translated; an image, a PDF export or a CSV passes untouched.
enum JSONMediaType {
    /// Whether a `Content-Type` value names JSON: `application/json`, or any type with the `+json` structured syntax
    /// suffix (RFC 6839 §3.1), parameters aside, in any letter case.
    /// Compares bytes as they lie: no string is formed.
    static func matches<Value: BidirectionalCollection<UInt8>>(_ value: Value) -> Bool {
        let essence = HTTPSyntax.trimmingOptionalWhitespace(value.prefix { $0 != UInt8(ascii: ";") }).lazy.map(
            HTTPSyntax.asciiLowercased
        )
        return essence.elementsEqual("application/json".utf8)
            || (essence.reversed().starts(with: "nosj+".utf8) && essence.contains(UInt8(ascii: "/")))
    }

    /// Whether a request's `fields` declare its body a media type other than JSON (by the first `Content-Type`). A
    /// body without `Content-Type` is read as JSON, the API's own format.
    static func declaresOther(in fields: [HTTPField]) -> Bool {
        fields.first("content-type").map { !Self.matches($0.utf8) } ?? false
    }

    /// Whether `headerBlock` (raw `Name: value\r\n` lines) declares a media type other than JSON. A body without
    /// `Content-Type` is read as JSON, the API's own format.
    static func declaresOther(in headerBlock: [UInt8]) -> Bool {
        headerBlock.withUnsafeBytes { raw in
            for (line, name) in HeaderBlockLines(raw) where HTTPSyntax.nameEquals(name, "content-type") {
                return !Self.matches(HeaderBlockLines.value(of: line, name: name))
            }
            return false
        }
    }
}
