/// A JSON document as a translation rewrites it: containers are nodes, but scalars and member names stay slices of
/// the text they were read from. A member nothing touches is never decoded and is written back as the very bytes
/// it arrived as (but for insignificant whitespace), so `99.50` stays `99.50`, order is kept, and most of a body
/// costs a copy rather than a decode and an encode.
///
/// The text is the parsed body followed by whatever the translation wrote (a converted date, a renamed member's
/// name), so every span indexes one buffer.
public struct JSONDocument: Sendable {
    var text: JSONText
    var root: JSONNode

    init(text: JSONText, root: JSONNode) {
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

/// The text a document's spans index: the source bytes, then what changes wrote.
struct JSONText: Sendable {
    private(set) var bytes: [UInt8]
    /// The member names changes gave, each written once per document however many resources take it.
    private var names: [Name] = []

    private struct Name {
        let name: MemberName
        let span: JSONSpan
    }

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A span holding `name` as a member name.
    mutating func name(_ name: MemberName) -> JSONSpan {
        // The same name arrives with the same storage, so the comparison is usually an identity check.
        if let written = self.names.first(where: { $0.name.utf8 == name.utf8 }) { return written.span }
        let start = self.bytes.count
        self.bytes.append(contentsOf: name.utf8)
        let span = JSONSpan(start: UInt32(start), end: UInt32(self.bytes.count))
        self.names.append(Name(name: name, span: span))
        return span
    }

    /// Appends `value` as JSON text: where a change puts a value of its own (a default, a mapped value, a converted
    /// date) into a document.
    mutating func appendScalar(_ value: JSONValue) -> JSONNode {
        let start = self.bytes.count
        JSONWriter.write(value, into: &self.bytes)
        return .scalar(JSONSpan(start: UInt32(start), end: UInt32(self.bytes.count)))
    }

    /// Whether two spans hold the same bytes.
    func span(_ first: JSONSpan, equals second: JSONSpan) -> Bool {
        first.count == second.count
            && self.bytes.withUnsafeBytes { UnsafeRawBufferPointer(rebasing: $0[first.range]).sameBytes(as: UnsafeRawBufferPointer(rebasing: $0[second.range])) }
    }

    /// Whether the scalar at `span` is `value` as JSON text: strings by their canonical form, numbers as written
    /// (`1.0` is not `1`), as value mappings compare them.
    func span(_ span: JSONSpan, holds value: JSONValue) -> Bool {
        switch value {
        case .null: return self.span(span, isText: "null")
        case .bool(let flag): return self.span(span, isText: flag ? "true" : "false")
        case .number(let text): return self.span(span, isText: text)
        case .string(let text) where !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }):
            return span.count == text.utf8.count + 2 && self.bytes[Int(span.start)] == UInt8(ascii: "\"")
                && self.span(JSONSpan(start: span.start + 1, end: span.end - 1), isText: text)
        case .string, .array, .object:
            var written: [UInt8] = []
            JSONWriter.write(value, into: &written)
            return span.count == written.count && self.bytes[span.range].elementsEqual(written)
        }
    }

    /// Whether the name at `span` is `name`: member names are stored unescaped but for quote, backslash and control
    /// characters, which field names in manifests cannot contain.
    func span(_ span: JSONSpan, isName name: MemberName) -> Bool {
        guard span.count == name.utf8.count else { return false }
        return self.bytes.withUnsafeBytes { text in
            name.utf8.withUnsafeBytes { UnsafeRawBufferPointer(rebasing: text[span.range]).sameBytes(as: $0) }
        }
    }

    /// Whether the bytes at `span` are `text`'s UTF-8.
    private func span(_ span: JSONSpan, isText text: String) -> Bool {
        guard span.count == text.utf8.count else { return false }
        var text = text
        return text.withUTF8 { text in
            self.bytes.withUnsafeBytes { UnsafeRawBufferPointer(rebasing: $0[span.range]).sameBytes(as: UnsafeRawBufferPointer(text)) }
        }
    }
}
