import Glibc
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP/1.1 upstream on 127.0.0.1 with a free port, for tests. Routes:
/// - `/echo…`: 200 with the request body as body; `X-Echo-Method`, `X-Echo-Target`, `X-Echo-Body-Length`, and
///   `X-Echo-Header-Names` (every request field name, in order, comma-separated) describe the request; each request
///   field also comes back as `X-Echo-<name>: <value>` when `X-Echo-Fields: yes` is sent. With `?summary`, the body
///   stays behind and `X-Echo-Body-Digest` (``digest(_:)``) stands for it.
/// - `/status/<code>`: that status, with a small JSON body unless the status forbids one.
/// - `/delay/<ms>`: 200 after that many milliseconds.
/// - `/bytes/<n>`: 200 with n bytes of a known pattern (see ``pattern(count:)``), as `application/octet-stream`.
/// - `/drop-after`: 200 as usual, then the upstream closes the connection 20 ms later without announcing it, as an
///   upstream does with idle keep-alive connections.
/// - `/hop-by-hop`: 200 carrying hop-by-hop fields (`Connection: X-Conn-Private`, `X-Conn-Private`, `Keep-Alive`,
///   `Proxy-Authenticate`, `Upgrade`) next to an end-to-end `X-End-To-End`.
/// - `/json-string/<n>`: 200 with a JSON document of n bytes (a string of `a`s), as `application/json`.
/// - `/drip/<n>`: the same document, one byte every 50 ms after its head: slow in total, never silent for long.
/// - `/gzip`: 200 with a v2 JSON body (``plainJSON``), gzip-encoded when the request accepts gzip; `?csv` declares
///   the same bytes `text/csv`.
/// - `/stream/<n>`: 200 with n bytes of ``pattern(count:)``'s sequence, written 64 KiB at a time as the connection
///   takes them (never more in memory); `?chunked` sends them without `Content-Length`, `?cut` announces n and
///   closes the connection after half of them, `?chunked-cut` does both. ``streamedBytes`` counts what was written.
public final class EchoUpstream: Sendable {
    public let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let counters: Counters

    private init(port: Int, group: MultiThreadedEventLoopGroup, channel: any Channel, counters: Counters) {
        self.port = port
        self.group = group
        self.channel = channel
        self.counters = counters
    }

    public var url: String { "http://127.0.0.1:\(self.port)" }

    /// FNV-1a (64-bit) of `bytes` in hex: what `/echo…?summary` answers for the body it received.
    public static func digest(_ bytes: [UInt8]) -> String {
        let hash = bytes.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
        return String(hash, radix: 16)
    }

    /// TCP connections accepted so far.
    public var acceptedConnections: Int { self.counters.accepted.withLock { $0 } }

    /// TCP connections closed so far, by either side.
    public var closedConnections: Int { self.counters.closed.withLock { $0 } }

    /// Bytes of `/stream/<n>` bodies handed to the network so far.
    public var streamedBytes: Int { self.counters.streamed.withLock { $0 } }

    /// Requests received in full so far (counted before they are answered).
    public var requestsReceived: Int { self.counters.requests.withLock { $0 } }

    public static func start() async throws -> EchoUpstream {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let counters = Counters()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 512)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                counters.accepted.withLock { $0 += 1 }
                channel.closeFuture.whenComplete { _ in counters.closed.withLock { $0 += 1 } }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(EchoHandler(counters: counters))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return EchoUpstream(port: channel.localAddress!.port!, group: group, channel: channel, counters: counters)
    }

    /// Closes the listener and its connections. Stopping twice is harmless: a test may stop an upstream to watch
    /// the gateway notice, and its harness stops it again at the end.
    public func stop() async throws {
        guard
            self.counters.stopped.withLock({ stopped in
                defer { stopped = true }
                return !stopped
            })
        else { return }
        try await self.channel.close()
        try await self.group.shutdownGracefully()
    }

    /// What `/gzip` answers, before its coding: a v2 purchase order.
    public static let plainJSON = #"{"id":"po_1","created_at":"2026-01-15T09:30:00Z"}"#

    /// ``plainJSON`` gzip-encoded (RFC 1952, made with Python's `gzip.compress(…, mtime=0)`).
    public static let gzippedJSON: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xab, 0x56, 0xca, 0x4c, 0x51, 0xb2, 0x52, 0x2a,
        0xc8, 0x8f, 0x37, 0x54, 0xd2, 0x51, 0x4a, 0x2e, 0x4a, 0x4d, 0x2c, 0x49, 0x4d, 0x89, 0x4f, 0x2c, 0x01, 0x8a,
        0x19, 0x19, 0x18, 0x99, 0xe9, 0x1a, 0x18, 0xea, 0x1a, 0x9a, 0x86, 0x18, 0x58, 0x5a, 0x19, 0x1b, 0x58, 0x19,
        0x18, 0x44, 0x29, 0xd5, 0x02, 0x00, 0x3e, 0x26, 0x68, 0x50, 0x31, 0x00, 0x00, 0x00,
    ]

    /// What `/json-string/<n>` and `/drip/<n>` answer: a JSON string of `a`s, n bytes with its quotes (at least 2).
    public static func jsonString(count: Int) -> [UInt8] {
        Array("\"\(String(repeating: "a", count: max(count, 2) - 2))\"".utf8)
    }

    /// The bytes `/bytes/<n>` answers with.
    public static func pattern(count: Int) -> [UInt8] {
        self.pattern(0..<count)
    }

    /// The bytes at `positions` of the sequence `/bytes/<n>` and `/stream/<n>` answer with.
    public static func pattern(_ positions: Range<Int>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(positions.count)
        var position = positions.lowerBound
        while position < positions.upperBound {
            let start = position % self.patternPeriod
            let count = min(positions.upperBound - position, self.patternPeriod)
            bytes.append(contentsOf: self.patternTable[start..<(start + count)])
            position += count
        }
        return bytes
    }

    /// Whether `bytes` are the sequence's from `offset` on: a check of a large body as it arrives, without making it.
    public static func patternMatches(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        var checked = 0
        while checked < bytes.count {
            let start = (offset + checked) % self.patternPeriod
            let count = min(bytes.count - checked, self.patternPeriod)
            let same = self.patternTable.withUnsafeBytes { table in
                memcmp(bytes.baseAddress! + checked, table.baseAddress! + start, count) == 0
            }
            guard same else { return false }
            checked += count
        }
        return true
    }

    /// The sequence repeats every 65,536 bytes (31·i mod 256 every 256, i >> 8 mod 256 every 65,536).
    private static let patternPeriod = 65_536
    /// Two periods of the sequence, so that any period-long run starts inside it.
    private static let patternTable: [UInt8] = (0..<(2 * patternPeriod)).map {
        UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8)
    }
}

final class Counters: Sendable {
    let accepted = Mutex(0)
    let requests = Mutex(0)
    let closed = Mutex(0)
    let streamed = Mutex(0)
    let stopped = Mutex(false)
}

private final class EchoHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let counters: Counters
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    /// A `/stream/<n>` body being written: the next position, where it ends, and where it is cut short (if it is).
    private var stream: (next: Int, end: Int, cut: Int?)?

    init(counters: Counters) {
        self.counters = counters
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch Self.unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            self.body = []
        case .body(var buffer):
            self.body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head = self.head else { return }
            self.counters.requests.withLock { $0 += 1 }
            self.route(head, context: context)
        }
    }

    private func route(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
        let parts = path.split(separator: "/").map(String.init)
        switch parts.first {
        case "status":
            let status = Int(parts.count > 1 ? parts[1] : "") ?? 500
            let body = status == 204 || status == 304 ? [] : Array("{\"status\":\(status)}".utf8)
            var headers = HTTPHeaders([("Content-Type", "application/json")])
            if status != 204, status != 304 { headers.add(name: "Content-Length", value: "\(body.count)") }
            self.respond(context, head: head, status: status, headers: headers, body: body)
        case "delay":
            let milliseconds = Int64(parts.count > 1 ? parts[1] : "") ?? 0
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(milliseconds)) {
                let (handler, context) = bound.value
                handler.respond(
                    context,
                    head: head,
                    status: 200,
                    headers: ["Content-Length": "7"],
                    body: Array("delayed".utf8)
                )
            }
        case "bytes":
            let body = EchoUpstream.pattern(count: Int(parts.count > 1 ? parts[1] : "") ?? 0)
            let headers: HTTPHeaders = ["Content-Type": "application/octet-stream", "Content-Length": "\(body.count)"]
            self.respond(context, head: head, status: 200, headers: headers, body: body)
        case "drop-after":
            self.respond(context, head: head, status: 200, headers: ["Content-Length": "4"], body: Array("bye!".utf8))
            let channel = context.channel
            context.eventLoop.scheduleTask(in: .milliseconds(20)) { channel.close(promise: nil) }
        case "json-string":
            let body = EchoUpstream.jsonString(count: Int(parts.count > 1 ? parts[1] : "") ?? 2)
            let headers: HTTPHeaders = ["Content-Type": "application/json", "Content-Length": "\(body.count)"]
            self.respond(context, head: head, status: 200, headers: headers, body: body)
        case "drip":
            let body = EchoUpstream.jsonString(count: Int(parts.count > 1 ? parts[1] : "") ?? 2)
            let headers: HTTPHeaders = ["Content-Type": "application/json", "Content-Length": "\(body.count)"]
            let responseHead = HTTPResponseHead(version: head.version, status: .ok, headers: headers)
            context.writeAndFlush(Self.wrapOutboundOut(.head(responseHead)), promise: nil)
            self.drip(body[...], context)
        case "gzip":
            // A v2 body, gzip-encoded when the request accepts gzip.
            let accepts = head.headers["Accept-Encoding"].joined(separator: ",").contains("gzip")
            let body = accepts ? EchoUpstream.gzippedJSON : Array(EchoUpstream.plainJSON.utf8)
            let type = head.uri.hasSuffix("?csv") ? "text/csv" : "application/json"
            var headers: HTTPHeaders = ["Content-Type": type, "Content-Length": "\(body.count)"]
            if accepts { headers.add(name: "Content-Encoding", value: "gzip") }
            self.respond(context, head: head, status: 200, headers: headers, body: body)
        case "stream":
            let count = Int(parts.count > 1 ? parts[1] : "") ?? 0
            let query = head.uri.split(separator: "?", maxSplits: 1).dropFirst().first ?? ""
            var headers: HTTPHeaders = ["Content-Type": "application/octet-stream"]
            if !query.hasPrefix("chunked") { headers.add(name: "Content-Length", value: "\(count)") }
            let responseHead = HTTPResponseHead(version: head.version, status: .ok, headers: headers)
            context.writeAndFlush(Self.wrapOutboundOut(.head(responseHead)), promise: nil)
            self.stream = (0, count, query.hasSuffix("cut") ? count / 2 : nil)
            self.continueStream(context)
        case "hop-by-hop":
            let headers: HTTPHeaders = [
                "Connection": "X-Conn-Private", "X-Conn-Private": "secret", "Keep-Alive": "timeout=5",
                "Proxy-Authenticate": "Basic", "Upgrade": "websocket", "X-End-To-End": "kept", "Content-Length": "2",
            ]
            self.respond(context, head: head, status: 200, headers: headers, body: Array("ok".utf8))
        default:
            var headers: HTTPHeaders = [
                "X-Echo-Method": head.method.rawValue, "X-Echo-Target": head.uri,
                "X-Echo-Body-Length": "\(self.body.count)",
                "X-Echo-Header-Names": head.headers.map(\.name).joined(separator: ","),
                "Content-Type": head.headers.first(name: "Content-Type") ?? "application/octet-stream",
            ]
            if head.headers.first(name: "X-Echo-Fields") == "yes" {
                for (name, value) in head.headers { headers.add(name: "X-Echo-\(name)", value: value) }
            }
            let summary = head.uri.hasSuffix("?summary")
            if summary { headers.add(name: "X-Echo-Body-Digest", value: EchoUpstream.digest(self.body)) }
            let body = summary ? [] : self.body
            if head.method != .HEAD { headers.add(name: "Content-Length", value: "\(body.count)") }
            self.respond(context, head: head, status: 200, headers: headers, body: body)
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        self.continueStream(context)
    }

    /// Writes the first byte of `rest` and schedules the next 50 ms later; ends the body after the last.
    private func drip(_ rest: ArraySlice<UInt8>, _ context: ChannelHandlerContext) {
        guard let byte = rest.first else {
            context.writeAndFlush(Self.wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        context.writeAndFlush(Self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: [byte])))), promise: nil)
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(50)) {
            let (handler, context) = bound.value
            handler.drip(rest.dropFirst(), context)
        }
    }

    /// Writes the next pieces of a `/stream/<n>` body while the connection takes them.
    private func continueStream(_ context: ChannelHandlerContext) {
        while let stream = self.stream, context.channel.isActive, context.channel.isWritable {
            if let cut = stream.cut, stream.next >= cut {
                self.stream = nil
                context.close(promise: nil)
                return
            }
            guard stream.next < stream.end else {
                self.stream = nil
                context.writeAndFlush(Self.wrapOutboundOut(.end(nil)), promise: nil)
                return
            }
            let piece = stream.next..<min(stream.end, stream.next + 65_536, stream.cut ?? .max)
            self.stream?.next = piece.upperBound
            self.counters.streamed.withLock { $0 += piece.count }
            let buffer = ByteBuffer(bytes: EchoUpstream.pattern(piece))
            context.writeAndFlush(Self.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
    }

    private func respond(
        _ context: ChannelHandlerContext,
        head: HTTPRequestHead,
        status: Int,
        headers: HTTPHeaders,
        body: [UInt8]
    ) {
        let responseHead = HTTPResponseHead(
            version: head.version,
            status: HTTPResponseStatus(statusCode: status),
            headers: headers
        )
        context.write(Self.wrapOutboundOut(.head(responseHead)), promise: nil)
        if !body.isEmpty, head.method != .HEAD {
            context.write(Self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
        }
        context.writeAndFlush(Self.wrapOutboundOut(.end(nil)), promise: nil)
    }
}
