/// Bytes received from a connection and not yet consumed by the framer.
public struct InputBuffer: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var readerIndex = 0

    public init() {}

    public init(_ bytes: some Sequence<UInt8>) {
        self.bytes = Array(bytes)
    }

    public var readableCount: Int { self.bytes.count - self.readerIndex }
    public var isEmpty: Bool { self.readableCount == 0 }

    public mutating func append(_ data: UnsafeRawBufferPointer) {
        self.compactIfWorthIt()
        self.bytes.append(contentsOf: data)
    }

    public mutating func append(_ data: some Sequence<UInt8>) {
        self.compactIfWorthIt()
        self.bytes.append(contentsOf: data)
    }

    /// The readable byte at `offset` from the reader index.
    subscript(offset: Int) -> UInt8 { self.bytes[self.readerIndex + offset] }

    mutating func consume(_ count: Int) {
        self.readerIndex += count
        if self.readerIndex == self.bytes.count {
            self.bytes.removeAll(keepingCapacity: true)
            self.readerIndex = 0
        }
    }

    /// Removes `count` readable bytes and appends them to `destination`.
    mutating func move(_ count: Int, into destination: inout [UInt8]) {
        destination.append(contentsOf: self.bytes[self.readerIndex..<(self.readerIndex + count)])
        self.consume(count)
    }

    func withReadableBytes<Result>(
        _ body: (UnsafeRawBufferPointer) throws(HTTPParseError) -> Result
    )
        throws(HTTPParseError) -> Result
    {
        try HTTPSyntax.withBytes(of: self.bytes) { (raw) throws(HTTPParseError) -> Result in
            try body(UnsafeRawBufferPointer(rebasing: raw[self.readerIndex...]))
        }
    }

    private mutating func compactIfWorthIt() {
        guard self.readerIndex > 0, self.readerIndex >= self.bytes.count / 2 else { return }
        self.bytes.removeSubrange(0..<self.readerIndex)
        self.readerIndex = 0
    }
}
