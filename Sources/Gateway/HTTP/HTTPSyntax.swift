/// Byte classes of RFC 9110's grammar, as lookup tables.
enum HTTPSyntax {
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let colon = UInt8(ascii: ":")

    /// `tchar`: the characters of a token (method, field name).
    private static let tokenTable: [Bool] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(UInt8(byte))
        }
    }

    @inline(__always)
    static func isTokenByte(_ byte: UInt8) -> Bool { self.tokenTable[Int(byte)] }

    /// `field-vchar`, space or tab: what a field value may contain (obs-text included).
    @inline(__always)
    static func isFieldValueByte(_ byte: UInt8) -> Bool { byte == self.tab || (byte >= 0x20 && byte != 0x7F) }

    /// Visible ASCII but `#`: what a request target may contain (a fragment is the client's alone, RFC 9112 §3.2).
    @inline(__always)
    static func isTargetByte(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "#") }

    /// `Array.withUnsafeBytes`, keeping the parse error's type (the standard one only rethrows `any Error`).
    static func withBytes<Result>(
        of bytes: [UInt8],
        _ body: (UnsafeRawBufferPointer) throws(HTTPParseError) -> Result
    ) throws(HTTPParseError) -> Result {
        let outcome = bytes.withUnsafeBytes { raw -> Swift.Result<Result, HTTPParseError> in
            do throws(HTTPParseError) { return .success(try body(raw)) } catch { return .failure(error) }
        }
        return try outcome.get()
    }

    /// `byte` in ASCII lowercase: `A`–`Z` become `a`–`z`, every other byte stays.
    @inline(__always)
    static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// ASCII-lowercases `bytes` (field names and tokens are ASCII) without Unicode case mapping.
    static func asciiLowercased(_ bytes: some Collection<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            for (index, byte) in bytes.enumerated() {
                buffer[index] = self.asciiLowercased(byte)
            }
            return bytes.count
        }
    }

    static func asciiLowercased(_ text: String) -> String {
        self.asciiLowercased(text.utf8)
    }

    /// `bytes` without leading and trailing spaces and tabs.
    static func trimmingOptionalWhitespace<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> Bytes.SubSequence {
        let isBlank = { (byte: UInt8) in byte == Self.space || byte == Self.tab }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return bytes[bytes.endIndex...] }
        return bytes[first...last]
    }

    /// Whether `bytes`, ASCII-lowercased, equal `canonical` (already lowercase). Lengths are compared first: most
    /// names compared differ in length.
    static func nameEquals(_ bytes: UnsafeRawBufferPointer, _ canonical: String) -> Bool {
        guard canonical.utf8.count == bytes.count else { return false }
        var canonical = canonical
        return canonical.withUTF8 { self.lowercasedEquals(bytes, UnsafeRawBufferPointer($0)) }
    }

    /// Whether `bytes`, ASCII-lowercased, equal `lowercase`, byte for byte.
    @inline(__always)
    static func lowercasedEquals(_ bytes: UnsafeRawBufferPointer, _ lowercase: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == lowercase.count else { return false }
        for index in 0..<bytes.count where self.asciiLowercased(bytes[index]) != lowercase[index] { return false }
        return true
    }

    /// Whether `name`, ASCII-lowercased, equals `canonical` (already lowercase); forms no string.
    static func nameEquals(_ name: String, _ canonical: String) -> Bool {
        name.utf8.count == canonical.utf8.count
            && zip(name.utf8, canonical.utf8).allSatisfy { self.asciiLowercased($0) == $1 }
    }

    static func isToken(_ bytes: UnsafeRawBufferPointer) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(self.isTokenByte)
    }

    /// Validates one `name: value` line (without its CRLF) and returns the field.
    static func field(from line: UnsafeRawBufferPointer) throws(HTTPParseError) -> HTTPField {
        guard let first = line.first else { throw .invalidHeaderName }
        if first == self.space || first == self.tab { throw .obsoleteLineFolding }
        guard let colon = line.firstIndex(of: self.colon) else { throw .invalidHeaderName }
        let nameBytes = UnsafeRawBufferPointer(rebasing: line[..<colon])
        guard self.isToken(nameBytes) else { throw .invalidHeaderName }
        let name = String(decoding: nameBytes, as: UTF8.self)
        let canonicalName =
            nameBytes.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
            ? self.asciiLowercased(nameBytes) : name
        var start = colon + 1
        var end = line.count
        while start < end, line[start] == self.space || line[start] == self.tab { start += 1 }
        while end > start, line[end - 1] == self.space || line[end - 1] == self.tab { end -= 1 }
        let valueBytes = UnsafeRawBufferPointer(rebasing: line[start..<end])
        guard valueBytes.allSatisfy(self.isFieldValueByte) else { throw .invalidHeaderValue(name: name) }
        // ASCII needs no validation (the generic validating initialiser costs run-time metadata look-ups).
        let value: String
        if valueBytes.allSatisfy({ $0 < 0x80 }) {
            value = String(decoding: valueBytes, as: UTF8.self)
        } else {
            guard let validated = String(validating: valueBytes, as: UTF8.self) else {
                throw .invalidHeaderValue(name: name)
            }
            value = validated
        }
        return HTTPField(name: name, canonicalName: canonicalName, value: value)
    }
}
