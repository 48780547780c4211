import Crypto

/// The SHA-256 digest of a token, as 4 words: a cheap dictionary key for the snapshot a gateway loop checks tokens
/// against.
struct TokenDigest: Hashable, Sendable {
    private let words: (UInt64, UInt64, UInt64, UInt64)

    /// The digest of `token`'s bytes.
    init(of token: some Collection<UInt8>) {
        let hash =
            token.withContiguousStorageIfAvailable { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
            ?? SHA256.hash(data: Array(token))
        self.words = hash.withUnsafeBytes(Self.words)
    }

    /// A stored digest; nil unless it is 32 bytes.
    init?(_ bytes: [UInt8]) {
        guard bytes.count == SHA256.byteCount else { return nil }
        self.words = bytes.withUnsafeBytes(Self.words)
    }

    /// 32 digest bytes as 4 big-endian words.
    private static func words(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64, UInt64, UInt64) {
        func word(_ index: Int) -> UInt64 {
            UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
        }
        return (word(0), word(1), word(2), word(3))
    }

    static func == (lhs: TokenDigest, rhs: TokenDigest) -> Bool {
        lhs.words == rhs.words
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(self.words.0)
        hasher.combine(self.words.1)
        hasher.combine(self.words.2)
        hasher.combine(self.words.3)
    }
}
