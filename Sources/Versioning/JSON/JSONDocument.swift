/// A JSON document as a translation rewrites it: containers are nodes, but scalars and member names stay slices of
/// the text they were read from. A member nothing touches is never decoded and is written back as the very bytes
/// it arrived as (but for insignificant whitespace), so `99.50` stays `99.50`, order is kept, and most of a body
/// costs a copy rather than a decode and an encode.
///
/// The text is the parsed body followed by whatever the translation wrote (a converted date, a renamed member's
/// name), so every span indexes one buffer.
public struct JSONDocument: Sendable {
    /// The source bytes, then the bytes changes added.
    var text: [UInt8]
    var root: JSONNode

    init(text: [UInt8], root: JSONNode) {
        self.text = text
        self.root = root
    }

    /// The document as compact JSON.
    public var bytes: [UInt8] {
        JSONWriter.bytes(self)
    }
}

/// A range of a document's text: a scalar as JSON (a string with its quotes), or a member name without them.
/// Member names and strings are kept in canonical form: a source string with escapes is decoded and re-encoded as
/// ``JSONWriter`` writes strings, so that names compare byte for byte.
struct JSONSpan: Sendable, Equatable {
    var start: UInt32
    var end: UInt32

    var count: Int { Int(self.end &- self.start) }
    var range: Range<Int> { Int(self.start)..<Int(self.end) }
}

/// One value of a ``JSONDocument``.
enum JSONNode: Sendable {
    /// A string (quoted), number, `true`, `false` or `null`, as JSON text.
    case scalar(JSONSpan)
    case array([JSONNode])
    case object([Member])

    /// One member of an object: its name (without quotes) and its value.
    struct Member: Sendable {
        var name: JSONSpan
        var value: JSONNode
    }
}

extension [UInt8] {
    /// Appends `bytes` and returns where they landed.
    mutating func appendSpan(_ bytes: some Collection<UInt8>) -> JSONSpan {
        let start = self.count
        self.append(contentsOf: bytes)
        return JSONSpan(start: UInt32(start), end: UInt32(self.count))
    }

    /// Appends `value` as JSON text and returns its span: where a change puts a value of its own (a default, a
    /// mapped value) into a document.
    mutating func appendScalar(_ value: JSONValue) -> JSONNode {
        let start = self.count
        JSONWriter.write(value, into: &self)
        return .scalar(JSONSpan(start: UInt32(start), end: UInt32(self.count)))
    }

    /// Whether the text at `span` is exactly `bytes`.
    func span(_ span: JSONSpan, equals bytes: [UInt8]) -> Bool {
        span.count == bytes.count && self[span.range].elementsEqual(bytes)
    }

    /// Whether two spans hold the same bytes.
    func span(_ first: JSONSpan, equals second: JSONSpan) -> Bool {
        first.count == second.count && self[first.range].elementsEqual(self[second.range])
    }

    /// Whether the scalar at `span` is `value` as JSON text: strings by their canonical form, numbers as written
    /// (`1.0` is not `1`), as value mappings compare them.
    func span(_ span: JSONSpan, holds value: JSONValue) -> Bool {
        switch value {
        case .null: return self.span(span, isName: "null")
        case .bool(let flag): return self.span(span, isName: flag ? "true" : "false")
        case .number(let text): return self.span(span, isName: text)
        case .string(let text) where !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }):
            return span.count == text.utf8.count + 2 && self[Int(span.start)] == UInt8(ascii: "\"")
                && self[(Int(span.start) + 1)..<(Int(span.end) - 1)].elementsEqual(text.utf8)
        case .string, .array, .object:
            return self.span(span, equals: JSONWriter.bytes(value))
        }
    }

    /// Whether the name at `span` is `name`: member names are stored unescaped but for quote, backslash and control
    /// characters, which field names in manifests cannot contain.
    func span(_ span: JSONSpan, isName name: String) -> Bool {
        span.count == name.utf8.count && self[span.range].elementsEqual(name.utf8)
    }
}
