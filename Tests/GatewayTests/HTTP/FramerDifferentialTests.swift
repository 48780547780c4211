import Gateway
import NIOCore
import NIOEmbedded
import NIOHTTP1
import TestSupport
import Testing

/// A request as either parser saw it, for comparing them.
private struct ParsedRequest: Equatable, CustomStringConvertible {
    var method: String
    var target: String
    var headers: [String]
    var body: [UInt8]

    var description: String { "\(self.method) \(self.target) \(self.headers) body \(self.body.count) bytes" }
}

/// The outcome of framing a byte stream: the complete requests, then whether framing failed.
private struct FramingOutcome: Equatable {
    var requests: [ParsedRequest]
    var failed: Bool
}

/// Our framer, fed `bytes` in pieces of the given sizes (all at once when there are none).
/// - Parameter streaming: frame every body in parts (`streamBody()`), as a body sent upstream as it arrives is.
private func frameWithOurs(_ bytes: [UInt8], pieces: [Int] = [], streaming: Bool = false) -> FramingOutcome {
    var framer = RequestFramer()
    var input = InputBuffer()
    var outcome = FramingOutcome(requests: [], failed: false)
    var pending: ParsedRequest?
    var offset = 0
    var sizes = pieces.isEmpty ? [bytes.count] : pieces
    while offset < bytes.count || !sizes.isEmpty {
        let size = min(sizes.isEmpty ? bytes.count : sizes.removeFirst(), bytes.count - offset)
        input.append(bytes[offset..<(offset + size)])
        offset += size
        do {
            while true {
                switch try framer.next(&input) {
                case .needMoreData:
                    break
                case .head(let head, _):
                    pending = ParsedRequest(
                        method: head.method,
                        target: head.target,
                        headers: head.headers.map { "\($0.canonicalName): \($0.value)" },
                        body: []
                    )
                    if streaming { framer.streamBody() }
                    continue
                case .body(let body):
                    pending?.body = body
                    outcome.requests.append(pending!)
                    continue
                case .bodyPart(let part):
                    pending?.body += part
                    continue
                case .bodyEnd:
                    outcome.requests.append(pending!)
                    continue
                }
                break
            }
        } catch {
            outcome.failed = true
            return outcome
        }
        if offset >= bytes.count { break }
    }
    return outcome
}

/// SwiftNIO's decoder (llhttp) on the same bytes.
private func frameWithNIO(_ bytes: [UInt8]) -> FramingOutcome {
    let channel = EmbeddedChannel()
    defer { _ = try? channel.finish() }
    var outcome = FramingOutcome(requests: [], failed: false)
    do {
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder()))
        try channel.writeInbound(ByteBuffer(bytes: bytes))
    } catch {
        outcome.failed = true
    }
    var pending: ParsedRequest?
    while let part = try? channel.readInbound(as: HTTPServerRequestPart.self) {
        switch part {
        case .head(let head):
            pending = ParsedRequest(
                method: head.method.rawValue,
                target: head.uri,
                headers: head.headers.map { "\($0.name.lowercased()): \(trimmedLikeRFC9110($0.value))" },
                body: []
            )
        case .body(var buffer):
            pending?.body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            if let request = pending { outcome.requests.append(request) }
            pending = nil
        }
    }
    return outcome
}

/// A field value excludes the whitespace around it (RFC 9110 §5.5); llhttp keeps trailing tabs.
private func trimmedLikeRFC9110(_ value: String) -> String {
    String(value.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
}

private let corpus: [RawText] = [
    "GET /purchase-orders?limit=2 HTTP/1.1\r\nHost: api\r\nAPI-Version: v1\r\n\r\n",
    "POST /work-orders HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{\"title\":\"pump\"}\n",
    "PATCH /inventory/inv_1 HTTP/1.1\r\nHost: api\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"on\r\n9;x=y\r\n_hand\":3}\r\n0\r\n\r\n",
    "DELETE /suppliers/sup_1 HTTP/1.1\r\nHost: api\r\nConnection: close\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /second HTTP/1.1\r\nHost: a\r\nX-Empty:\r\nX-Spaces: a  b\r\n\r\n",
    "OPTIONS * HTTP/1.1\r\nHost: api\r\n\r\n",
    "GET /old HTTP/1.0\r\nUser-Agent: legacy\r\n\r\n",
    "PUT /connections/con_1 HTTP/1.1\r\nHost: api\r\nContent-Length: 0\r\n\r\n",
]

/// Methods llhttp knows. RFC 9110 lets a method be any token and the gateway forwards them all; llhttp refuses
/// the rest, so the comparison stops at the first request with a method it does not know.
private let methodsSwiftNIOKnows: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]

/// Bytes the mutations draw from: the ones HTTP's framing turns on.
private let interestingBytes: [UInt8] = Array("\r\n \t:;,0aZ-/\u{0}".utf8) + [0x7F, 0x80, 0xFF]

private func mutate(_ bytes: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
    var bytes = bytes
    for _ in 0..<Int.random(in: 1...3, using: &generator) {
        let index = Int.random(in: 0..<max(1, bytes.count), using: &generator)
        switch Int.random(in: 0..<5, using: &generator) {
        case 0 where !bytes.isEmpty: bytes[index] = interestingBytes.randomElement(using: &generator)!
        case 1: bytes.insert(interestingBytes.randomElement(using: &generator)!, at: min(index, bytes.count))
        case 2 where !bytes.isEmpty: bytes.remove(at: index)
        case 3:
            let field = Array(
                ["Content-Length: 3\r\n", "Transfer-Encoding: chunked\r\n", "Host: b\r\n", " folded\r\n"]
                    .randomElement(using: &generator)!.utf8
            )
            let lineStart = bytes[..<min(index, bytes.count)].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            bytes.insert(contentsOf: field, at: lineStart)
        default:
            if !bytes.isEmpty { bytes[index] = UInt8(ascii: "A") &+ UInt8.random(in: 0..<26, using: &generator) }
        }
    }
    return bytes
}

@Suite struct FramerDifferentialTests {
    @Test(arguments: corpus)
    func validRequestsFrameLikeSwiftNIO(request: RawText) {
        let bytes = Array(request.text.utf8)
        let ours = frameWithOurs(bytes)
        #expect(!ours.failed, "\(request.escaped)")
        #expect(!ours.requests.isEmpty, "\(request.escaped)")
        #expect(ours == frameWithNIO(bytes), "\(request.escaped)")
        #expect(frameWithOurs(bytes, streaming: true) == ours, "streamed bodies: \(request.escaped)")
    }

    @Test func mutatedRequestsFrameAlikeHoweverTheBytesArriveAndAgreeWithSwiftNIOWhenAccepted() {
        var generator = SeededGenerator(seed: 0x5EED)
        var accepted = 0
        for iteration in 0..<4000 {
            let seed = Array(corpus[iteration % corpus.count].text.utf8)
            let bytes = mutate(seed, using: &generator)
            let whole = frameWithOurs(bytes)
            let pieces = (0..<8).map { _ in Int.random(in: 1...7, using: &generator) }
            #expect(
                frameWithOurs(bytes, pieces: pieces) == whole,
                "split into \(pieces) changed the framing of \(String(decoding: bytes, as: UTF8.self).debugDescription)"
            )
            #expect(
                frameWithOurs(bytes, pieces: pieces, streaming: true) == whole,
                "streamed in \(pieces), \(String(decoding: bytes, as: UTF8.self).debugDescription) framed otherwise"
            )
            let comparable = Array(whole.requests.prefix { methodsSwiftNIOKnows.contains($0.method) })
            guard !comparable.isEmpty else { continue }
            accepted += 1
            let nio = frameWithNIO(bytes)
            let repeatsContentLength = comparable.contains { request in
                request.headers.filter { $0.hasPrefix("content-length:") }.count > 1
                    || request.headers.contains { $0.hasPrefix("content-length:") && $0.contains(",") }
            }
            if nio.requests.count < comparable.count, repeatsContentLength { continue }
            #expect(
                Array(nio.requests.prefix(comparable.count)) == comparable,
                "we accepted what SwiftNIO reads differently: \(String(decoding: bytes, as: UTF8.self).debugDescription)"
            )
        }
        // The mutations must leave enough requests intact for the comparison to mean something.
        #expect(accepted > 500)
    }
}
