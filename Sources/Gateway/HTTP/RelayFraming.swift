/// How a relayed response body is framed for the client (RFC 9112 §6): by the upstream's length when it gave one,
/// else in chunks to an HTTP/1.1 client, else (HTTP/1.0) by closing the connection after it.
enum RelayFraming: Equatable {
    /// No body at all: the request was `HEAD`, or the status allows none (1xx, 204, 304).
    case none
    case length(Int)
    case chunked
    case untilClose

    /// - Parameters:
    ///   - length: the upstream's `Content-Length`, if any.
    ///   - clientMinorVersion: the client's HTTP/1.x minor version; only 1.1 understands chunks.
    init(status: Int, length: Int?, headOnly: Bool, clientMinorVersion: Int) {
        if headOnly || status < 200 || status == 204 || status == 304 {
            self = .none
        } else if let length {
            self = .length(length)
        } else {
            self = clientMinorVersion >= 1 ? .chunked : .untilClose
        }
    }

    /// Body bytes as sent under this framing: one chunk of `bytes.count` when chunked, none when there is no body,
    /// else the bytes as they are.
    func frame(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var framed: [UInt8] = []
        framed.reserveCapacity(bytes.count + Self.chunkOverhead)
        self.append(bytes, to: &framed)
        return framed
    }

    /// Appends `bytes` to `output` as ``frame(_:)`` frames them, without an array of their own.
    func append(_ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        guard self != .none else { return }
        guard self == .chunked else { return output.append(contentsOf: bytes) }
        // An empty chunk would end the body.
        guard !bytes.isEmpty else { return }
        output.append(contentsOf: String(bytes.count, radix: 16).utf8)
        output.append(contentsOf: Self.lineEnd)
        output.append(contentsOf: bytes)
        output.append(contentsOf: Self.lineEnd)
    }

    /// The most a chunk's framing adds to its bytes: up to 16 hex digits and two line ends.
    static let chunkOverhead = 20

    /// What ends the body: the last chunk (no trailers) when chunked, nothing otherwise.
    var end: [UInt8] {
        self == .chunked ? Array("0\r\n\r\n".utf8) : []
    }

    private static let lineEnd: [UInt8] = [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
}
