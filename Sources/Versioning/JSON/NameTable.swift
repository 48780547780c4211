/// Member names laid out in one buffer of UTF-8, looked up by a document's name spans without touching the
/// ``MemberName``s themselves: reading one of those out of an array counts references to its buffers, which in a
/// loop over every member of a list costs more than the comparison.
struct NameTable: Sendable {
    private let bytes: [UInt8]
    /// Where each entry's name lies in `bytes`; nil for an entry without a name.
    private let entries: [Range<Int>?]
    /// The lengths of the names as bits (64 bytes and more as the last): most names in a document have a length no
    /// entry has, and skip the comparisons.
    private let lengths: UInt64

    init(_ names: [MemberName?]) {
        var bytes: [UInt8] = []
        var entries: [Range<Int>?] = []
        var lengths: UInt64 = 0
        for name in names {
            guard let name else {
                entries.append(nil)
                continue
            }
            entries.append(bytes.count..<(bytes.count + name.utf8.count))
            bytes += name.utf8
            lengths |= Self.lengthBit(name.utf8.count)
        }
        self.bytes = bytes
        self.entries = entries
        self.lengths = lengths
    }

    private static func lengthBit(_ length: Int) -> UInt64 {
        1 << min(length, 63)
    }

    /// The first entry from `start` whose name is the name at `span`.
    func firstEntry(named span: JSONSpan, in text: JSONText, from start: Int = 0) -> Int? {
        guard Self.lengthBit(span.count) & self.lengths != 0 else { return nil }
        return text.withBytes(of: span) { name in
            self.bytes.withUnsafeBytes { table in
                for entry in start..<self.entries.count {
                    guard let range = self.entries[entry], range.count == name.count,
                        UnsafeRawBufferPointer(rebasing: table[range]).sameBytes(as: name)
                    else { continue }
                    return entry
                }
                return nil
            }
        }
    }
}
