/// Member names laid out in one buffer of UTF-8, each owned by a position (an operation of a step), looked up by a
/// document's name spans without touching the ``MemberName``s themselves: reading one of those out of an array
/// counts references to its buffers, which in a loop over every member of a list costs more than the comparison.
struct NameTable: Sendable {
    private struct Entry: Sendable {
        /// Where the name lies in `bytes`.
        let start: Int32
        let count: Int32
        /// The position that owns the entry, below 64.
        let owner: Int32
        /// The name's first byte: most names a lookup meets are of an entry's length but not its name.
        let first: UInt8
    }

    private let bytes: [UInt8]
    /// In the order given, by owner: the first match is the lowest owner among those a lookup asks for.
    private let entries: [Entry]
    /// The lengths of the names as bits (64 bytes and more as the last): most names in a document have a length no
    /// entry has, and skip the comparisons.
    private let lengths: UInt64

    /// - Parameter names: each name with the position (below 64) that owns it, in the order lookups go through them.
    init(_ names: [(name: MemberName, owner: Int)]) {
        var bytes: [UInt8] = []
        var entries: [Entry] = []
        var lengths: UInt64 = 0
        for (name, owner) in names {
            precondition(owner < UInt64.bitWidth, "a name table's owners are positions in a 64-bit set")
            let count = name.utf8.count
            entries.append(
                Entry(start: Int32(bytes.count), count: Int32(count), owner: Int32(owner), first: name.utf8.first ?? 0)
            )
            bytes += name.utf8
            lengths |= Self.lengthBit(count)
        }
        self.bytes = bytes
        self.entries = entries
        self.lengths = lengths
    }

    private static func lengthBit(_ length: Int) -> UInt64 {
        1 << min(length, 63)
    }

    /// The owner of the first entry whose name is the name at `span`, among the entries whose owners are in
    /// `owners` (one bit per position); nil when there is none.
    func firstOwner(of span: JSONSpan, in text: JSONText, among owners: UInt64) -> Int? {
        guard owners != 0, Self.lengthBit(span.count) & self.lengths != 0 else { return nil }
        return text.withBytes(of: span) { name in
            self.bytes.withUnsafeBytes { table in
                for entry in self.entries
                where owners & 1 &<< UInt64(entry.owner) != 0 && Int(entry.count) == name.count
                    && (name.isEmpty || name[0] == entry.first)
                {
                    let start = Int(entry.start)
                    if UnsafeRawBufferPointer(rebasing: table[start..<(start + name.count)]).sameBytes(as: name) {
                        return Int(entry.owner)
                    }
                }
                return nil
            }
        }
    }
}
