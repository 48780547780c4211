import CZlib

/// Applies gzip (RFC 1952) with zlib, for a client that accepts it.
public enum ContentEncoder {
    /// `body` in the gzip coding, compressed at zlib's level 1: nginx's default `gzip_comp_level`, since a gateway
    /// compresses on its event loops and JSON shrinks most of the way at the fastest level.
    public static func gzip(_ body: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        // 16 + 15 writes a gzip wrapper; only a failed allocation can refuse fixed, valid parameters.
        guard vg_deflate_init(&stream, Z_BEST_SPEED, 16 + MAX_WBITS) == Z_OK else {
            fatalError("zlib could not allocate a deflate stream")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(body.count)))
        return body.withUnsafeBufferPointer { source in
            [UInt8](unsafeUninitializedCapacity: bound) { target, count in
                // zlib only reads through `next_in`; its type is mutable for old C compilers.
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(bound)
                // deflateBound leaves room for everything, so one call finishes the stream.
                let status = deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "deflate stopped short of deflateBound: \(status)")
                count = bound - Int(stream.avail_out)
            }
        }
    }
}
