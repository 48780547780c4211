/// A fixed set of field names, looked up by a raw name's bytes in any letter case (field names are
/// case-insensitive, RFC 9110 §5.1) without forming a string or counting references per probe.
struct FieldNameSet: Sendable {
    /// The names in lowercase, one after another.
    private let bytes: [UInt8]
    /// Where each name lies in `bytes`.
    private let ranges: [Range<Int>]
    /// The names' lengths as bits (64 and more as the last): most probes have a length no name has.
    private let lengths: UInt64

    /// - Parameter names: ASCII names, in any letter case.
    init(_ names: some Sequence<String>) {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        var lengths: UInt64 = 0
        for name in names {
            ranges.append(bytes.count..<(bytes.count + name.utf8.count))
            bytes += HTTPSyntax.asciiLowercased(name).utf8
            lengths |= Self.lengthBit(name.utf8.count)
        }
        self.bytes = bytes
        self.ranges = ranges
        self.lengths = lengths
    }

    /// Whether `name` is one of the set's names, in any letter case.
    func contains(_ name: UnsafeRawBufferPointer) -> Bool {
        guard Self.lengthBit(name.count) & self.lengths != 0 else { return false }
        return self.bytes.withUnsafeBytes { table in
            self.ranges.contains { range in
                range.count == name.count
                    && HTTPSyntax.lowercasedEquals(name, UnsafeRawBufferPointer(rebasing: table[range]))
            }
        }
    }

    /// Whether `name` is one of the set's names, in any letter case.
    func contains(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { self.contains(UnsafeRawBufferPointer($0)) }
    }

    private static func lengthBit(_ length: Int) -> UInt64 {
        1 << min(length, 63)
    }
}
