/// The text a document's spans index: the source bytes, then what the parser and changes added. Spans below
/// `source.count` lie in the source, the rest in `added`: kept apart, the source is shared with whoever holds the
/// body rather than copied (appending to it copied a large body into storage twice its size).
struct JSONText: Sendable {
    /// The body as read.
    let source: [UInt8]
    /// Canonical forms of the strings the source wrote with escapes, then what changes wrote.
    private(set) var added: [UInt8]
    /// The member names changes gave, each written once per document however many resources take it.
    private var names: [Name] = []

    private struct Name {
        let name: MemberName
        let span: JSONSpan
    }

    init(source: [UInt8], added: [UInt8] = []) {
        self.source = source
        self.added = added
    }

    /// Calls `body` with the bytes of `span`.
    func withBytes<Result>(of span: JSONSpan, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let split = self.source.count
        if Int(span.start) < split {
            return self.source.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[span.range])) }
        }
        return self.added.withUnsafeBytes {
            body(UnsafeRawBufferPointer(rebasing: $0[(Int(span.start) - split)..<(Int(span.end) - split)]))
        }
    }

    /// A span for the bytes `write` appends.
    private mutating func append(_ write: (inout [UInt8]) -> Void) -> JSONSpan {
        // What changes write (names, converted times) starts with room for a few resources' worth, rather than
        // growing from a few bytes an allocation at a time.
        if self.added.capacity == 0 { self.added.reserveCapacity(Swift.min(64 + self.source.count / 16, 4096)) }
        let start = self.source.count + self.added.count
        write(&self.added)
        return JSONSpan(start: UInt32(start), end: UInt32(self.source.count + self.added.count))
    }

    /// A span holding `name` as a member name.
    mutating func name(_ name: MemberName) -> JSONSpan {
        // The same name arrives as the same object, so the comparison is usually an identity check.
        if let written = self.names.first(where: { $0.name === name || $0.name.utf8 == name.utf8 }) {
            return written.span
        }
        let span = self.append { $0.append(contentsOf: name.utf8) }
        if self.names.isEmpty { self.names.reserveCapacity(8) }
        self.names.append(Name(name: name, span: span))
        return span
    }

    /// Appends `value` as JSON text: where a change puts a value of its own (a default, a mapped value, a converted
    /// date) into a document.
    mutating func appendScalar(_ value: JSONValue) -> JSONNode {
        .scalar(self.append { JSONWriter.write(value, into: &$0) })
    }

    /// Appends `value` as a JSON number, digit by digit: where a converted time goes, once per resource.
    mutating func appendInteger(_ value: Int64) -> JSONNode {
        .scalar(
            self.append { added in
                // Written from the end of a buffer of the longest, then appended at once.
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
                    var first = digits.count
                    var magnitude = value.magnitude
                    repeat {
                        first -= 1
                        digits[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                        magnitude /= 10
                    } while magnitude > 0
                    if value < 0 { added.append(UInt8(ascii: "-")) }
                    added.append(contentsOf: UnsafeBufferPointer(rebasing: digits[first...]))
                }
            }
        )
    }

    /// Whether two spans hold the same bytes.
    func span(_ first: JSONSpan, equals second: JSONSpan) -> Bool {
        guard first.count == second.count else { return false }
        return self.withBytes(of: first) { one in self.withBytes(of: second) { one.sameBytes(as: $0) } }
    }

    /// Whether the scalar at `span` is `value` as JSON text: strings by their canonical form, numbers as written
    /// (`1.0` is not `1`), as value mappings compare them.
    func span(_ span: JSONSpan, holds value: JSONValue) -> Bool {
        switch value {
        case .null: return self.span(span, isText: "null")
        case .bool(let flag): return self.span(span, isText: flag ? "true" : "false")
        case .number(let text): return self.span(span, isText: text)
        case .string(let text) where !text.utf8.contains(where: JSONWriter.needsEscaping):
            return span.count == text.utf8.count + 2 && self.withBytes(of: span) { $0[0] == UInt8(ascii: "\"") }
                && self.span(JSONSpan(start: span.start + 1, end: span.end - 1), isText: text)
        case .string, .array, .object:
            var written: [UInt8] = []
            JSONWriter.write(value, into: &written)
            return span.count == written.count && self.withBytes(of: span) { $0.elementsEqual(written) }
        }
    }

    /// Whether the name at `span` is `name`: member names are stored unescaped but for quote, backslash and control
    /// characters, which field names in manifests cannot contain.
    func span(_ span: JSONSpan, isName name: MemberName) -> Bool {
        guard span.count == name.utf8.count else { return false }
        return self.withBytes(of: span) { text in name.utf8.withUnsafeBytes { text.sameBytes(as: $0) } }
    }

    /// Whether the bytes at `span` are `text`'s UTF-8.
    private func span(_ span: JSONSpan, isText text: String) -> Bool {
        guard span.count == text.utf8.count else { return false }
        var text = text
        return text.withUTF8 { utf8 in self.withBytes(of: span) { $0.sameBytes(as: UnsafeRawBufferPointer(utf8)) } }
    }
}
