/// Why a body is not JSON, with the byte offset where reading stopped.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public let offset: Int
    public let reason: String
    /// Set when the body may be JSON, but reading it would take more memory than the parser may use.
    public var exceedsMemoryLimit = false

    public var description: String { "\(self.reason) at byte \(self.offset)" }
}

/// A strict RFC 8259 parser from bytes to a ``JSONDocument``. Beyond the grammar it refuses what a translation
/// cannot carry faithfully: duplicate member names (which value would a rename move?), invalid UTF-8, lone
/// surrogates, and nesting deeper than a limit.
///
/// Scalars are validated but not decoded: the document keeps their spans.
public struct JSONParser {
    public static let maximumDepth = 128

    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    private var depth = 0
    /// Canonical forms of strings written with escapes; their spans start after the source.
    private var rewritten: [UInt8] = []
    private var unescaped: [UInt8] = []
    /// The members and elements of the containers being read, innermost last. Each container moves its own to the
    /// document's stores when it closes, so that they lie together there.
    private var openMembers: [JSONNode.Member] = []
    private var openElements: [JSONNode] = []
    /// The document's stores (see ``JSONDocument``).
    private var members: [JSONNode.Member] = []
    private var elements: [JSONNode] = []

    private let maximumNodeBytes: Int

    /// Parses one complete document; only whitespace may surround it.
    /// - Parameter maximumNodeBytes: the most the document's stores of members and elements may take in memory,
    ///   beside the text, counted as allocated. The stores start with room for a member per 20 bytes of text (within
    ///   half of this limit), so a body's records take about as much as its text, up to twice when its members are
    ///   shorter and the stores grow; but each container takes at least 12 bytes, so that a body of nested arrays
    ///   takes five to eleven times its text.
    /// - Throws: ``JSONError``, with ``JSONError/exceedsMemoryLimit`` set when the containers would take more.
    public static func parse(_ bytes: [UInt8], maximumNodeBytes: Int = .max) throws(JSONError) -> JSONDocument {
        // Spans are 32-bit offsets into the text, which changes may grow by as much again.
        guard bytes.count <= Int(UInt32.max / 2) else {
            throw JSONError(offset: 0, reason: "document larger than 2 GiB")
        }
        let result = bytes.withUnsafeBytes { raw -> Result<JSONDocument, JSONError> in
            var parser = JSONParser(bytes: raw, maximumNodeBytes: maximumNodeBytes)
            do throws(JSONError) {
                let root = try parser.document()
                return .success(
                    JSONDocument(
                        text: JSONText(source: bytes, added: parser.rewritten),
                        root: root,
                        members: parser.members,
                        elements: parser.elements
                    )
                )
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Whether `text` is one JSON number, as manifests need to tell `12` from `12a`.
    public static func isNumber(_ text: String) -> Bool {
        guard let document = try? Self.parse(Array(text.utf8)), case .scalar = document.root,
            let first = text.utf8.first
        else { return false }
        return first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
    }

    private init(bytes: UnsafeRawBufferPointer, maximumNodeBytes: Int) {
        self.bytes = bytes
        self.maximumNodeBytes = maximumNodeBytes
        // Room for what a kilobyte or so of records holds (a member takes six bytes of text at least), so that a
        // small body is read without its stores growing step by step from empty: each step was an allocation.
        let room = Swift.min(bytes.count / 16, 64)
        self.openMembers.reserveCapacity(room)
        self.openElements.reserveCapacity(room / 4)
        // A large body's stores get about what its records take at once (a list's member takes about twenty bytes of
        // text), rather than doubling their way there and copying all they hold at each step; within what they may
        // take.
        let members = Swift.min(bytes.count / 20, maximumNodeBytes / 2 / MemoryLayout<JSONNode.Member>.stride)
        let elements = Swift.min(bytes.count / 256, maximumNodeBytes / 2 / MemoryLayout<JSONNode>.stride)
        self.members.reserveCapacity(Swift.max(room, members))
        self.elements.reserveCapacity(Swift.max(room / 4, elements))
    }

    /// Checks what the stores take, as allocated, after a container closed.
    @inline(__always)
    private func chargeStores() throws(JSONError) {
        let bytes =
            self.members.capacity * MemoryLayout<JSONNode.Member>.stride
            + self.elements.capacity * MemoryLayout<JSONNode>.stride
        guard bytes <= self.maximumNodeBytes else { throw self.memoryLimitError() }
    }

    /// Kept out of ``chargeStores()``, which runs for every container: forming the message is its rare path.
    @inline(never)
    private func memoryLimitError() -> JSONError {
        let limit =
            self.maximumNodeBytes >= 1 << 20
            ? "\(self.maximumNodeBytes >> 20) MiB" : "\(self.maximumNodeBytes) bytes"
        var error = self.error("reading the document takes more than \(limit) (deep nesting or many small values)")
        error.exceedsMemoryLimit = true
        return error
    }

    private mutating func document() throws(JSONError) -> JSONNode {
        self.skipWhitespace()
        let root = try self.value()
        self.skipWhitespace()
        guard self.position == self.bytes.count else { throw self.error("unexpected data after the document") }
        return root
    }

    private mutating func value() throws(JSONError) -> JSONNode {
        guard self.position < self.bytes.count else { throw self.error("unexpected end of the document") }
        let start = self.position
        switch self.bytes[self.position] {
        case UInt8(ascii: "{"): return try self.object()
        case UInt8(ascii: "["): return try self.array()
        case UInt8(ascii: "\""): return .scalar(try self.string(quoted: true))
        case UInt8(ascii: "t"): try self.literal("true")
        case UInt8(ascii: "f"): try self.literal("false")
        case UInt8(ascii: "n"): try self.literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try self.number()
        default: throw self.error("unexpected character")
        }
        return .scalar(JSONSpan(start: UInt32(start), end: UInt32(self.position)))
    }

    private mutating func object() throws(JSONError) -> JSONNode {
        try self.enter()
        defer { self.depth -= 1 }
        self.position += 1
        self.skipWhitespace()
        if self.peek() == UInt8(ascii: "}") {
            self.position += 1
            return .object(JSONRange(start: UInt32(self.members.count), count: 0))
        }
        let first = self.openMembers.count
        defer { self.openMembers.removeSubrange(first...) }
        // Duplicates are found by scanning small objects and hashing only large ones, which are rare.
        var seen: Set<ArraySlice<UInt8>> = []
        while true {
            self.skipWhitespace()
            guard self.peek() == UInt8(ascii: "\"") else { throw self.error("expected a member name") }
            let nameStart = self.position
            let name = try self.string(quoted: false)
            let duplicate: Bool
            if self.openMembers.count - first < 16 {
                duplicate = (first..<self.openMembers.count).contains { self.same(self.openMembers[$0].name, name) }
            } else {
                if seen.isEmpty {
                    seen = Set((first..<self.openMembers.count).map { self.text(self.openMembers[$0].name) })
                }
                duplicate = !seen.insert(self.text(name)).inserted
            }
            guard !duplicate else {
                throw JSONError(
                    offset: nameStart,
                    reason: "duplicate member '\(String(decoding: self.text(name), as: UTF8.self))'"
                )
            }
            self.skipWhitespace()
            guard self.peek() == UInt8(ascii: ":") else { throw self.error("expected ':'") }
            self.position += 1
            self.skipWhitespace()
            let value = try self.value()
            self.openMembers.append(JSONNode.Member(name: name, value: value))
            self.skipWhitespace()
            switch self.peek() {
            case UInt8(ascii: ","): self.position += 1
            case UInt8(ascii: "}"):
                self.position += 1
                let start = self.members.count
                self.members.append(contentsOf: self.openMembers[first...])
                try self.chargeStores()
                return .object(JSONRange(start: UInt32(start), count: UInt32(self.members.count - start)))
            default: throw self.error("expected ',' or '}'")
            }
        }
    }

    private mutating func array() throws(JSONError) -> JSONNode {
        try self.enter()
        defer { self.depth -= 1 }
        self.position += 1
        self.skipWhitespace()
        if self.peek() == UInt8(ascii: "]") {
            self.position += 1
            return .array(JSONRange(start: UInt32(self.elements.count), count: 0))
        }
        let first = self.openElements.count
        defer { self.openElements.removeSubrange(first...) }
        while true {
            self.skipWhitespace()
            let element = try self.value()
            self.openElements.append(element)
            self.skipWhitespace()
            switch self.peek() {
            case UInt8(ascii: ","): self.position += 1
            case UInt8(ascii: "]"):
                self.position += 1
                let start = self.elements.count
                self.elements.append(contentsOf: self.openElements[first...])
                try self.chargeStores()
                return .array(JSONRange(start: UInt32(start), count: UInt32(self.elements.count - start)))
            default: throw self.error("expected ',' or ']'")
            }
        }
    }

    /// A string's span: the source bytes when written without escapes (the common case), else its canonical form
    /// in `rewritten`. `quoted` keeps the quotes, as values need; names go without.
    private mutating func string(quoted: Bool) throws(JSONError) -> JSONSpan {
        // The scan works on locals: through `self` every byte would be re-read from memory.
        let bytes = self.bytes
        let open = self.position
        var position = Self.skipPlainWords(bytes, from: open + 1)
        var ascii = true
        defer { self.position = position }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let content = UnsafeRawBufferPointer(rebasing: bytes[(open + 1)..<position])
                guard ascii || UTF8Validation.isValid(content) else {
                    throw JSONError(offset: position, reason: "invalid UTF-8 in a string")
                }
                position += 1
                return quoted
                    ? JSONSpan(start: UInt32(open), end: UInt32(position))
                    : JSONSpan(start: UInt32(open + 1), end: UInt32(position - 1))
            }
            if byte == UInt8(ascii: "\\") {
                self.position = position
                let span = try self.escapedString(from: open, quoted: quoted)
                position = self.position
                return span
            }
            guard byte >= 0x20 else {
                throw JSONError(offset: position, reason: "unescaped control character in a string")
            }
            ascii = ascii && byte < 0x80
            position += 1
        }
        throw JSONError(offset: position, reason: "unterminated string")
    }

    /// Where the plain string content starting at `start` ends: the first byte that is a quote, backslash,
    /// control character or non-ASCII, found a word at a time (SWAR). The tests flag every such byte and may flag
    /// bytes above it too (borrows only run upwards), so the lowest flag is exact. Near the end of the buffer,
    /// where no whole word is left, the byte loop takes over.
    private static func skipPlainWords(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var position = start
        while position + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            let quotes = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
            let backslashes = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
            let flagged =
                ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | (word &- ones &* 0x20) | word
            guard flagged & highBits == 0 else { return position + (flagged & highBits).trailingZeroBitCount / 8 }
            position += 8
        }
        return position
    }

    private mutating func escapedString(from open: Int, quoted: Bool) throws(JSONError) -> JSONSpan {
        self.unescaped.removeAll(keepingCapacity: true)
        self.unescaped.append(contentsOf: self.bytes[(open + 1)..<self.position])
        while self.position < self.bytes.count {
            let byte = self.bytes[self.position]
            switch byte {
            case UInt8(ascii: "\""):
                self.position += 1
                guard self.unescaped.withUnsafeBytes(UTF8Validation.isValid) else {
                    throw self.error("invalid UTF-8 in a string")
                }
                let start = self.bytes.count + self.rewritten.count
                if quoted {
                    JSONWriter.write(string: self.unescaped, into: &self.rewritten)
                } else {
                    JSONWriter.writeEscaped(self.unescaped, into: &self.rewritten)
                }
                return JSONSpan(start: UInt32(start), end: UInt32(self.bytes.count + self.rewritten.count))
            case UInt8(ascii: "\\"):
                try self.escape()
            case 0..<0x20:
                throw self.error("unescaped control character in a string")
            default:
                self.unescaped.append(byte)
                self.position += 1
            }
        }
        throw self.error("unterminated string")
    }

    private mutating func escape() throws(JSONError) {
        self.position += 1
        guard self.position < self.bytes.count else { throw self.error("unterminated escape") }
        let byte = self.bytes[self.position]
        self.position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): self.unescaped.append(byte)
        case UInt8(ascii: "b"): self.unescaped.append(0x08)
        case UInt8(ascii: "f"): self.unescaped.append(0x0C)
        case UInt8(ascii: "n"): self.unescaped.append(0x0A)
        case UInt8(ascii: "r"): self.unescaped.append(0x0D)
        case UInt8(ascii: "t"): self.unescaped.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try self.hexQuad()
            if (0xD800...0xDBFF).contains(scalar) {
                guard self.position + 1 < self.bytes.count, self.bytes[self.position] == UInt8(ascii: "\\"),
                    self.bytes[self.position + 1] == UInt8(ascii: "u")
                else { throw self.error("lone surrogate in a string") }
                self.position += 2
                let low = try self.hexQuad()
                guard (0xDC00...0xDFFF).contains(low) else { throw self.error("lone surrogate in a string") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw self.error("lone surrogate in a string")
            }
            self.unescaped.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar)!)!)
        default:
            throw self.error("invalid escape")
        }
    }

    private mutating func hexQuad() throws(JSONError) -> UInt32 {
        guard self.position + 4 <= self.bytes.count else { throw self.error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = self.bytes[self.position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw self.error("invalid \\u escape")
            }
            value = value << 4 | digit
            self.position += 1
        }
        return value
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func number() throws(JSONError) {
        if self.peek() == UInt8(ascii: "-") { self.position += 1 }
        if self.peek() == UInt8(ascii: "0") {
            self.position += 1
        } else {
            guard self.digits() > 0 else { throw self.error("invalid number") }
        }
        if self.peek() == UInt8(ascii: ".") {
            self.position += 1
            guard self.digits() > 0 else { throw self.error("invalid number") }
        }
        if self.peek() == UInt8(ascii: "e") || self.peek() == UInt8(ascii: "E") {
            self.position += 1
            if self.peek() == UInt8(ascii: "+") || self.peek() == UInt8(ascii: "-") { self.position += 1 }
            guard self.digits() > 0 else { throw self.error("invalid number") }
        }
    }

    private mutating func digits() -> Int {
        let start = self.position
        while let byte = self.peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { self.position += 1 }
        return self.position - start
    }

    private mutating func literal(_ word: StaticString) throws(JSONError) {
        let count = word.utf8CodeUnitCount
        guard self.position + count <= self.bytes.count,
            UnsafeRawBufferPointer(rebasing: self.bytes[self.position..<(self.position + count)])
                .elementsEqual(UnsafeRawBufferPointer(start: word.utf8Start, count: count))
        else { throw self.error("invalid literal") }
        self.position += count
    }

    /// The bytes of a span, which lies in the source or, for rewritten strings, after it.
    private func text(_ span: JSONSpan) -> ArraySlice<UInt8> {
        let start = Int(span.start)
        if start < self.bytes.count { return ArraySlice(self.bytes[span.range]) }
        return self.rewritten[(start - self.bytes.count)..<(Int(span.end) - self.bytes.count)]
    }

    private func same(_ first: JSONSpan, _ second: JSONSpan) -> Bool {
        guard first.count == second.count else { return false }
        let (a, b) = (Int(first.start), Int(second.start))
        if a < self.bytes.count, b < self.bytes.count {
            let (one, other) = (
                UnsafeRawBufferPointer(rebasing: self.bytes[first.range]),
                UnsafeRawBufferPointer(rebasing: self.bytes[second.range])
            )
            return one.sameBytes(as: other)
        }
        return self.text(first) == self.text(second)
    }

    private mutating func enter() throws(JSONError) {
        self.depth += 1
        guard self.depth <= Self.maximumDepth else {
            throw self.error("nesting deeper than \(Self.maximumDepth) levels")
        }
    }

    private mutating func skipWhitespace() {
        while let byte = self.peek(),
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                || byte == UInt8(ascii: "\t")
        {
            self.position += 1
        }
    }

    private func peek() -> UInt8? {
        self.position < self.bytes.count ? self.bytes[self.position] : nil
    }

    private func error(_ reason: String) -> JSONError {
        JSONError(offset: self.position, reason: reason)
    }
}
