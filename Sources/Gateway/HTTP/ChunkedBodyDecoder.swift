/// Decodes a chunked request body (RFC 9112 §7.1) incrementally: strict hex sizes, CRLF after every chunk,
/// extensions skipped, trailer fields validated and dropped (the body is forwarded with a `Content-Length`).
struct ChunkedBodyDecoder: Sendable {
    private enum State: Sendable {
        case size
        case data(remaining: Int)
        case dataEnd
        case trailer(bytesSeen: Int)
        case done
    }

    private var state = State.size
    private let maxLineBytes = 4096
    private let maxTrailerBytes: Int

    init(maxTrailerBytes: Int) {
        self.maxTrailerBytes = maxTrailerBytes
    }

    /// Moves decoded bytes from `input` to `body`; true once the last chunk and the trailer section are in.
    mutating func decode(
        _ input: inout InputBuffer,
        into body: inout [UInt8],
        limit: Int
    ) throws(HTTPParseError)
        -> Bool
    {
        while true {
            switch self.state {
            case .size:
                guard let line = try self.takeLine(&input) else { return false }
                let size = try Self.chunkSize(line)
                guard size <= limit - body.count else { throw .bodyTooLarge(limit: limit) }
                self.state = size == 0 ? .trailer(bytesSeen: 0) : .data(remaining: size)
            case .data(let remaining):
                let count = min(remaining, input.readableCount)
                guard count > 0 else { return false }
                input.move(count, into: &body)
                self.state = count == remaining ? .dataEnd : .data(remaining: remaining - count)
            case .dataEnd:
                guard input.readableCount >= 2 else { return false }
                guard input[0] == HTTPSyntax.cr, input[1] == HTTPSyntax.lf else { throw .invalidChunk }
                input.consume(2)
                self.state = .size
            case .trailer(let bytesSeen):
                guard let line = try self.takeLine(&input) else { return false }
                if line.isEmpty {
                    self.state = .done
                    return true
                }
                guard bytesSeen + line.count <= self.maxTrailerBytes else {
                    throw .headTooLarge(limit: self.maxTrailerBytes)
                }
                _ = try HTTPSyntax.withBytes(of: line) { (raw) throws(HTTPParseError) in try HTTPSyntax.field(from: raw)
                }
                self.state = .trailer(bytesSeen: bytesSeen + line.count + 2)
            case .done:
                return true
            }
        }
    }

    /// The next CRLF-terminated line without its CRLF, or nil until it is complete.
    private func takeLine(_ input: inout InputBuffer) throws(HTTPParseError) -> [UInt8]? {
        let end = try input.withReadableBytes { (raw) throws(HTTPParseError) -> Int? in
            guard let lf = raw.prefix(self.maxLineBytes).firstIndex(of: HTTPSyntax.lf) else {
                if raw.count >= self.maxLineBytes { throw .invalidChunk }
                return nil
            }
            guard lf > 0, raw[lf - 1] == HTTPSyntax.cr else { throw .bareLineFeed }
            return lf
        }
        guard let end else { return nil }
        var line: [UInt8] = []
        input.move(end - 1, into: &line)
        input.consume(2)
        return line
    }

    /// `chunk-size [ chunk-ext ]`: 1–16 hex digits, then nothing or `;` extensions of visible characters.
    private static func chunkSize(_ line: [UInt8]) throws(HTTPParseError) -> Int {
        var size = 0
        var index = 0
        while index < line.count, let digit = Self.hexValue(line[index]) {
            guard index < 15 else { throw .invalidChunk }
            size = size << 4 | digit
            index += 1
        }
        guard index > 0 else { throw .invalidChunk }
        var rest = line[index...]
        while let first = rest.first, first == HTTPSyntax.space || first == HTTPSyntax.tab { rest.removeFirst() }
        if let first = rest.first {
            guard first == UInt8(ascii: ";"), rest.allSatisfy(HTTPSyntax.isFieldValueByte) else { throw .invalidChunk }
        }
        return size
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
