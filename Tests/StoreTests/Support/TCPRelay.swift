import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A TCP relay on 127.0.0.1 in front of a server, which a test cuts and restores: to a client it looks as if the
/// server went away (connections dropped, connections refused) and came back on the same port.
///
/// Concurrency: the channels live on NIO's singleton event loops; the list of open channels is behind a lock.
final class TCPRelay: Sendable {
    let port: Int
    private let target: SocketAddress
    /// The listener and every relayed connection, both sides.
    private let channels: NIOLockedValueBox<[any Channel]>

    private init(port: Int, target: SocketAddress, channels: NIOLockedValueBox<[any Channel]>) {
        self.port = port
        self.target = target
        self.channels = channels
    }

    /// Listens on a free port and relays each connection to `host:port`.
    static func start(to host: String, port: Int) async throws -> TCPRelay {
        let target = try SocketAddress.makeAddressResolvingHost(host, port: port)
        let channels = NIOLockedValueBox<[any Channel]>([])
        let listener = try await Self.listen(port: 0, target: target, channels: channels)
        return TCPRelay(port: listener.localAddress?.port ?? 0, target: target, channels: channels)
    }

    /// Stops listening and drops every relayed connection.
    func cut() async {
        let channels = self.channels.withLockedValue { channels in
            defer { channels.removeAll() }
            return channels
        }
        for channel in channels {
            try? await channel.close()
        }
    }

    /// Listens again on the same port.
    func restore() async throws {
        _ = try await Self.listen(port: self.port, target: self.target, channels: self.channels)
    }

    /// Binds 127.0.0.1:`port` and relays what it accepts to `target`, keeping every channel in `channels`.
    private static func listen(
        port: Int,
        target: SocketAddress,
        channels: NIOLockedValueBox<[any Channel]>
    ) async throws -> any Channel {
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { inbound in
                channels.withLockedValue { $0.append(inbound) }
                return ClientBootstrap(group: inbound.eventLoop)
                    .channelInitializer { outbound in
                        channels.withLockedValue { $0.append(outbound) }
                        return outbound.eventLoop.makeCompletedFuture {
                            try outbound.pipeline.syncOperations.addHandler(Pump(partner: inbound))
                        }
                    }
                    .connect(to: target)
                    .flatMapThrowing { outbound in
                        try inbound.pipeline.syncOperations.addHandler(Pump(partner: outbound))
                    }
            }
            .bind(host: "127.0.0.1", port: port)
            .get()
        channels.withLockedValue { $0.append(listener) }
        return listener
    }
}

/// Writes what one side reads to the other, and closes the other when this side closes.
private final class Pump: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let partner: any Channel

    init(partner: any Channel) {
        self.partner = partner
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.partner.writeAndFlush(self.unwrapInboundIn(data), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.partner.close(promise: nil)
        context.fireChannelInactive()
    }
}
