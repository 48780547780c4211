extension UnsafeRawBufferPointer {
    /// Whether two buffers hold the same bytes, compared a word at a time: names and short scalars are compared
    /// for every member a change looks for, where a generic element-by-element loop measured several times slower.
    func sameBytes(as other: UnsafeRawBufferPointer) -> Bool {
        guard self.count == other.count else { return false }
        var offset = 0
        while offset + 8 <= self.count {
            let word = self.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            guard word == other.loadUnaligned(fromByteOffset: offset, as: UInt64.self) else { return false }
            offset += 8
        }
        while offset < self.count {
            guard self[offset] == other[offset] else { return false }
            offset += 1
        }
        return true
    }
}
