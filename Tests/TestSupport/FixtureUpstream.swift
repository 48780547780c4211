import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP/1.1 upstream on 127.0.0.1 with a free port that answers with fixed JSON bodies, standing in for a
/// team's own backend in tests: `GET` of a known path gets 200 and its body as `application/json`; anything else
/// gets 404 with `{"error":"not found"}`, so a request the gateway sent to the wrong backend or path shows.
public final class FixtureUpstream: Sendable {
    public let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel

    private init(port: Int, group: MultiThreadedEventLoopGroup, channel: any Channel) {
        self.port = port
        self.group = group
        self.channel = channel
    }

    public var url: String { "http://127.0.0.1:\(self.port)" }

    /// - Parameter bodies: the JSON body of each known path (`/customers/c_1`), matched with its query if any.
    public static func start(answering bodies: [String: String]) async throws -> FixtureUpstream {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(FixtureHandler(bodies: bodies))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return FixtureUpstream(port: channel.localAddress!.port!, group: group, channel: channel)
    }

    /// Closes the listener and its connections.
    public func stop() async throws {
        try await self.channel.close()
        try await self.group.shutdownGracefully()
    }
}

private final class FixtureHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let bodies: [String: String]
    private var head: HTTPRequestHead?

    init(bodies: [String: String]) {
        self.bodies = bodies
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch Self.unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            break
        case .end:
            guard let head = self.head else { return }
            let known = head.method == .GET ? self.bodies[head.uri] : nil
            let body = ByteBuffer(string: known ?? #"{"error":"not found"}"#)
            let headers: HTTPHeaders = ["Content-Type": "application/json", "Content-Length": "\(body.readableBytes)"]
            let status: HTTPResponseStatus = known == nil ? .notFound : .ok
            context.write(
                Self.wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
                promise: nil
            )
            context.write(Self.wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(Self.wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
