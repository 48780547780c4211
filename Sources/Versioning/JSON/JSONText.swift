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
        guard first.count == second.count else { return false }
        return self.bytes.withUnsafeBytes { text in
            UnsafeRawBufferPointer(rebasing: text[first.range]).sameBytes(
                as: UnsafeRawBufferPointer(rebasing: text[second.range])
            )
        }
    }

    /// Whether the scalar at `span` is `value` as JSON text: strings by their canonical form, numbers as written
    /// (`1.0` is not `1`), as value mappings compare them.
    func span(_ span: JSONSpan, holds value: JSONValue) -> Bool {
        switch value {
        case .null: return self.span(span, isText: "null")
        case .bool(let flag): return self.span(span, isText: flag ? "true" : "false")
        case .number(let text): return self.span(span, isText: text)
        case .string(let text) where !text.utf8.contains(where: JSONWriter.needsEscaping):
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
        return text.withUTF8 { utf8 in
            self.bytes.withUnsafeBytes { text in
                UnsafeRawBufferPointer(rebasing: text[span.range]).sameBytes(as: UnsafeRawBufferPointer(utf8))
            }
        }
    }
}
