import Clients
import CurlClient
import NIOPosix
import TestSupport
import Versioning

@testable import Gateway

/// A real gateway on 127.0.0.1 with a free port, in front of a real ``EchoUpstream``.
struct LiveGateway {
    let server: GatewayServer
    let upstream: EchoUpstream

    var port: Int { self.server.port }

    func client() throws -> RawHTTPClient { try RawHTTPClient(port: self.port) }
}

/// Starts an upstream and a gateway in front of it, runs `body`, and stops both, whether `body` threw or not.
/// - Parameter translationPool: where large translations run, started and shut down by the caller; by default one
///   the gateway makes.
func withLiveGateway<Result>(
    threads: Int = 1,
    upstreamURL: String? = nil,
    catalog: VersionCatalog? = nil,
    translationPool: NIOThreadPool? = nil,
    configure: (inout GatewayConfiguration) -> Void = { _ in },
    _ body: (LiveGateway) async throws -> Result
) async throws -> Result {
    let upstream = try await EchoUpstream.start()
    var configuration = GatewayConfiguration(
        port: 0,
        threads: threads,
        upstream: try UpstreamURL(upstreamURL ?? upstream.url)
    )
    configure(&configuration)
    let server: GatewayServer
    do {
        let catalog = try catalog ?? VersionCatalog.bundled()
        if let translationPool {
            server = try GatewayServer.start(
                configuration: configuration,
                catalog: catalog,
                guides: [:],
                clients: .empty,
                translationPool: translationPool
            )
        } else {
            server = try GatewayServer.start(configuration: configuration, catalog: catalog)
        }
    } catch {
        try await upstream.stop()
        throw error
    }
    let gateway = LiveGateway(server: server, upstream: upstream)
    do {
        let result = try await body(gateway)
        server.shutdown()
        await server.stoppedAsync()
        try await upstream.stop()
        return result
    } catch {
        server.shutdown()
        await server.stoppedAsync()
        try? await upstream.stop()
        throw error
    }
}
