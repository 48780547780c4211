import CZlib

/// Undoes content codings with zlib, never producing more than a caller's limit: a few kilobytes of gzip can
/// inflate to gigabytes, so the limit is checked as the output grows, not after.
public enum ContentDecoder {
    /// `body` with `codings` undone, last applied first (RFC 9110 §8.4: codings are listed in the order applied).
    /// An empty body stays empty: there is nothing to decode.
    /// - Throws: ``ContentCodingError/tooLarge(limit:)`` as soon as the output would pass `limit` bytes;
    ///   ``ContentCodingError/corrupt(_:)`` for bytes that are not valid in a coding, or that stop short.
    public static func decode(
        _ body: [UInt8],
        codings: [ContentCoding],
        limit: Int
    ) throws(ContentCodingError) -> [UInt8] {
        var body = body
        for coding in codings.reversed() where !body.isEmpty {
            body = try self.inflate(body, from: coding, limit: limit)
        }
        return body
    }

    private static let chunkBytes = 32 * 1024

    /// Whether `bytes` open with a zlib header (RFC 1950 §2.2): method 8 (deflate) and a check that makes the first
    /// two bytes a multiple of 31. Bare deflate data rarely passes both.
    private static func startsWithZlibHeader(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] & 0x0F == 8 && (UInt16(bytes[0]) << 8 | UInt16(bytes[1])) % 31 == 0
    }

    private static func inflate(
        _ input: [UInt8],
        from coding: ContentCoding,
        limit: Int
    ) throws(ContentCodingError) -> [UInt8] {
        guard input.count <= Int(UInt32.max) else { throw .tooLarge(limit: limit) }
        var stream = z_stream()
        // 16 + 15 reads a gzip wrapper (RFC 1952), 15 a zlib one (RFC 1950), -15 bare deflate data (RFC 1951), which
        // some servers send as `deflate` although RFC 9110 §8.4.1.2 says zlib; all with zlib's largest window.
        let windowBits =
            switch coding {
            case .gzip: 16 + MAX_WBITS
            case .deflate: Self.startsWithZlibHeader(input) ? MAX_WBITS : -MAX_WBITS
            }
        guard vg_inflate_init(&stream, windowBits) == Z_OK else { throw .corrupt(coding) }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, input.count * 4))
        var chunk = [UInt8](repeating: 0, count: Self.chunkBytes)
        return try input.withUnsafeBufferPointer { (source) throws(ContentCodingError) -> [UInt8] in
            // zlib only reads through `next_in`; its type is mutable for old C compilers.
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (status, target.count - Int(stream.avail_out))
                }
                guard output.count + produced <= limit else { throw .tooLarge(limit: limit) }
                output.append(contentsOf: chunk[..<produced])
                switch status {
                case Z_OK:
                    continue
                case Z_STREAM_END where stream.avail_in == 0:
                    return output
                case Z_STREAM_END where coding == .gzip:
                    // Another gzip member follows (RFC 1952 §2.2): its output continues this one's.
                    guard inflateReset(&stream) == Z_OK else { throw .corrupt(coding) }
                default:
                    // Z_BUF_ERROR: the input ended before the stream did; Z_DATA_ERROR: bytes outside the format.
                    throw .corrupt(coding)
                }
            }
        }
    }
}
