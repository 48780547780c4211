import Glibc
import NIOCore
import NIOHTTP1
import NIOPosix
import Versioning

/// The sample unified API as a real HTTP/1.1 server, for the demo and for tests. It keeps one model, in v2's shape,
/// and speaks an older version by walking its requests and responses through the catalog's declared changes at
/// its boundary, as an API built on version changes does.
///
/// ```swift
/// let server = try await SampleServer.start(host: "127.0.0.1", port: 0, speaking: VersionName("v1")!, catalog: catalog)
/// print(server.port)
/// try await server.stop()
/// ```
public final class SampleServer: Sendable {
    /// The port the server listens on.
    public let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel

    private init(port: Int, group: MultiThreadedEventLoopGroup, channel: any Channel) {
        self.port = port
        self.group = group
        self.channel = channel
    }

    /// The version the sample's model is written in.
    public static let nativeVersion = VersionName("v2")!

    /// Binds `host:port` (0 for a free port) and starts serving the seeded data in `version`.
    /// - Throws: ``StartError`` when the address cannot be bound.
    public static func start(
        host: String,
        port: Int,
        speaking version: VersionName = nativeVersion,
        catalog: VersionCatalog
    ) async throws -> SampleServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let api = VersionedSampleAPI(api: SampleAPI(), version: version, catalog: catalog)
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        try channel.pipeline.syncOperations.addHandler(SampleHandler(api: api))
                    }
                }
                .bind(host: host, port: port)
                .get()
            return SampleServer(port: channel.localAddress?.port ?? port, group: group, channel: channel)
        } catch {
            try? await group.shutdownGracefully()
            throw StartError(error)
        }
    }

    /// Why the sample API could not start, in words: NIO's own errors name the system call that failed.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String

        init(_ error: any Error) {
            switch (error as? IOError)?.errnoCode {
            case EADDRINUSE: self.description = "the port is already in use by another process"
            case EADDRNOTAVAIL: self.description = "the address is not one of this machine's"
            case let code?: self.description = String(cString: strerror(code))
            case nil: self.description = "\(error)"
            }
        }
    }

    public func stop() async throws {
        try await self.channel.close()
        try await self.group.shutdownGracefully()
    }
}

/// Collects one request at a time and answers it from the ``SampleAPI``.
private final class SampleHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let api: VersionedSampleAPI
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(api: VersionedSampleAPI) {
        self.api = api
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
            let response = self.api.handle(method: head.method.rawValue, target: head.uri, body: self.body)
            var headers = HTTPHeaders()
            if response.status != 204 {
                headers.add(name: "Content-Type", value: response.contentType)
                headers.add(name: "Content-Length", value: "\(response.body.utf8.count)")
            }
            if let location = response.location { headers.add(name: "Location", value: location) }
            if let allow = response.allow { headers.add(name: "Allow", value: allow) }
            let responseHead = HTTPResponseHead(
                version: head.version,
                status: HTTPResponseStatus(statusCode: response.status),
                headers: headers
            )
            context.write(Self.wrapOutboundOut(.head(responseHead)), promise: nil)
            if response.status != 204, head.method != .HEAD {
                context.write(Self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: response.body)))), promise: nil)
            }
            context.writeAndFlush(Self.wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
