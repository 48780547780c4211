import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP/1.1 upstream on 127.0.0.1 with a free port that answers each request with what a test's script says,
/// exact bytes and fields, and keeps every request it got, so a test sees both sides of the gateway.
public final class ScriptedUpstream: Sendable {
    /// One request as the upstream got it.
    public struct Request: Sendable {
        public let method: String
        public let target: String
        /// Every field, in order, as sent.
        public let fields: [(name: String, value: String)]
        public let body: [UInt8]

        /// The first value of the field `name` (compared without case).
        public func field(_ name: String) -> String? {
            self.fields.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// What the script answers. `Content-Length` is added from `body` unless the fields name it or
    /// `Transfer-Encoding`, or the status has no content (`1xx`, `204`, `304`: RFC 9110 §8.6).
    public struct Response: Sendable {
        public var status: Int
        public var fields: [(name: String, value: String)]
        public var body: [UInt8]

        public init(status: Int = 200, fields: [(name: String, value: String)] = [], body: [UInt8] = []) {
            self.status = status
            self.fields = fields
            self.body = body
        }
    }

    public let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let log: NIOLockedValueBox<[Request]>

    private init(port: Int, group: MultiThreadedEventLoopGroup, channel: any Channel, log: NIOLockedValueBox<[Request]>)
    {
        self.port = port
        self.group = group
        self.channel = channel
        self.log = log
    }

    public var url: String { "http://127.0.0.1:\(self.port)" }

    /// The requests received so far, oldest first.
    public var requests: [Request] { self.log.withLockedValue { $0 } }

    public static func start(_ script: @escaping @Sendable (Request) -> Response) async throws -> ScriptedUpstream {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let log = NIOLockedValueBox<[Request]>([])
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(ScriptedHandler(script: script, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return ScriptedUpstream(port: channel.localAddress!.port!, group: group, channel: channel, log: log)
    }

    /// An upstream standing in for a team's own backend: `GET` of a known path (with its query, if any) gets 200
    /// and its JSON body; anything else gets 404 with `{"error":"not found"}`, so a request the gateway sent to the
    /// wrong backend or path shows.
    /// - Parameter bodies: the JSON body of each known path (`/customers/c_1`).
    public static func start(answering bodies: [String: String]) async throws -> ScriptedUpstream {
        try await self.start { request in
            guard request.method == "GET", let body = bodies[request.target] else {
                return Response(
                    status: 404,
                    fields: [("Content-Type", "application/json")],
                    body: Array(#"{"error":"not found"}"#.utf8)
                )
            }
            return Response(fields: [("Content-Type", "application/json")], body: Array(body.utf8))
        }
    }

    /// Closes the listener and its connections.
    public func stop() async throws {
        try await self.channel.close()
        try await self.group.shutdownGracefully()
    }
}

private final class ScriptedHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let script: @Sendable (ScriptedUpstream.Request) -> ScriptedUpstream.Response
    private let log: NIOLockedValueBox<[ScriptedUpstream.Request]>
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(
        script: @escaping @Sendable (ScriptedUpstream.Request) -> ScriptedUpstream.Response,
        log: NIOLockedValueBox<[ScriptedUpstream.Request]>
    ) {
        self.script = script
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch Self.unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            self.body = []
        case .body(let buffer):
            self.body += buffer.readableBytesView
        case .end:
            guard let head = self.head else { return }
            let request = ScriptedUpstream.Request(
                method: head.method.rawValue,
                target: head.uri,
                fields: head.headers.map { ($0.name, $0.value) },
                body: self.body
            )
            self.log.withLockedValue { $0.append(request) }
            let response = self.script(request)
            var headers = HTTPHeaders(response.fields)
            let hasContent = response.status >= 200 && response.status != 204 && response.status != 304
            if hasContent, !headers.contains(name: "Content-Length"), !headers.contains(name: "Transfer-Encoding") {
                headers.add(name: "Content-Length", value: "\(response.body.count)")
            }
            let status = HTTPResponseStatus(statusCode: response.status)
            context.write(
                Self.wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
                promise: nil
            )
            if head.method != .HEAD, !response.body.isEmpty {
                context.write(Self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
            }
            context.writeAndFlush(Self.wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
