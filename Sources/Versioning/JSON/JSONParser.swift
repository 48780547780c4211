/// Why a body is not JSON, with the byte offset where reading stopped.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public let offset: Int
    public let reason: String

    public var description: String { "\(self.reason) at byte \(self.offset)" }
}

/// A strict RFC 8259 parser over bytes. Beyond the grammar it refuses what a translation cannot carry faithfully:
/// duplicate member names (which value would a rename move?), lone surrogates, and nesting deeper than a limit.
public struct JSONParser {
    public static let maximumDepth = 128

    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    private var depth = 0

    /// Parses one complete document; only whitespace may surround it.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.error("unexpected data after the document") }
        return value
    }

    public static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        let result = bytes.withUnsafeBytes { raw -> Result<JSONValue, JSONError> in
            do throws(JSONError) { return .success(try Self.parse(raw)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    private mutating func value() throws(JSONError) -> JSONValue {
        guard self.position < self.bytes.count else { throw self.error("unexpected end of the document") }
        switch self.bytes[self.position] {
        case UInt8(ascii: "{"): return .object(try self.object())
        case UInt8(ascii: "["): return .array(try self.array())
        case UInt8(ascii: "\""): return .string(try self.string())
        case UInt8(ascii: "t"): try self.literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try self.literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try self.literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try self.number())
        default: throw self.error("unexpected character")
        }
    }

    private mutating func object() throws(JSONError) -> JSONObject {
        try self.enter()
        defer { self.depth -= 1 }
        self.position += 1
        var object = JSONObject()
        object.reserveCapacity(8)
        // Duplicates are found by scanning small objects and hashing only large ones, which are rare.
        var seen: Set<String> = []
        self.skipWhitespace()
        if self.peek() == UInt8(ascii: "}") {
            self.position += 1
            return object
        }
        while true {
            self.skipWhitespace()
            guard self.peek() == UInt8(ascii: "\"") else { throw self.error("expected a member name") }
            let key = try self.string()
            let duplicate: Bool
            if object.members.count < 16 {
                duplicate = object.members.contains { $0.key == key }
            } else {
                if seen.isEmpty { seen = Set(object.members.map(\.key)) }
                duplicate = !seen.insert(key).inserted
            }
            guard !duplicate else { throw self.error("duplicate member '\(key)'") }
            self.skipWhitespace()
            guard self.peek() == UInt8(ascii: ":") else { throw self.error("expected ':'") }
            self.position += 1
            self.skipWhitespace()
            object.appendUnchecked(key, try self.value())
            self.skipWhitespace()
            switch self.peek() {
            case UInt8(ascii: ","): self.position += 1
            case UInt8(ascii: "}"): self.position += 1; return object
            default: throw self.error("expected ',' or '}'")
            }
        }
    }

    private mutating func array() throws(JSONError) -> [JSONValue] {
        try self.enter()
        defer { self.depth -= 1 }
        self.position += 1
        var elements: [JSONValue] = []
        self.skipWhitespace()
        if self.peek() == UInt8(ascii: "]") {
            self.position += 1
            return elements
        }
        while true {
            self.skipWhitespace()
            elements.append(try self.value())
            self.skipWhitespace()
            switch self.peek() {
            case UInt8(ascii: ","): self.position += 1
            case UInt8(ascii: "]"): self.position += 1; return elements
            default: throw self.error("expected ',' or ']'")
            }
        }
    }

    private mutating func string() throws(JSONError) -> String {
        self.position += 1
        let start = self.position
        // Fast path: no escapes, so the text is a slice of the input.
        while self.position < self.bytes.count {
            let byte = self.bytes[self.position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeRawBufferPointer(rebasing: self.bytes[start..<self.position])
                guard let text = Self.text(slice) else { throw self.error("invalid UTF-8 in a string") }
                self.position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw self.error("unescaped control character in a string") }
            self.position += 1
        }
        var decoded = Array(self.bytes[start..<self.position])
        while self.position < self.bytes.count {
            let byte = self.bytes[self.position]
            switch byte {
            case UInt8(ascii: "\""):
                self.position += 1
                guard let text = String(validating: decoded, as: UTF8.self) else { throw self.error("invalid UTF-8 in a string") }
                return text
            case UInt8(ascii: "\\"):
                try self.escape(into: &decoded)
            case 0..<0x20:
                throw self.error("unescaped control character in a string")
            default:
                decoded.append(byte)
                self.position += 1
            }
        }
        throw self.error("unterminated string")
    }

    /// Validated UTF-8 as a string. ASCII, the common case, needs no validation, and skipping the generic
    /// validating initialiser spares its run-time metadata look-ups.
    private static func text(_ bytes: UnsafeRawBufferPointer) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    private mutating func escape(into decoded: inout [UInt8]) throws(JSONError) {
        self.position += 1
        guard self.position < self.bytes.count else { throw self.error("unterminated escape") }
        let byte = self.bytes[self.position]
        self.position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(byte)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
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
            decoded.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
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

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, returned as written.
    private mutating func number() throws(JSONError) -> String {
        let start = self.position
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
        return String(decoding: self.bytes[start..<self.position], as: UTF8.self)
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

    private mutating func enter() throws(JSONError) {
        self.depth += 1
        guard self.depth <= Self.maximumDepth else { throw self.error("nesting deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func skipWhitespace() {
        while let byte = self.peek(),
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
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
