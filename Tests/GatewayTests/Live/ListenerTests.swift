import CurlClient
import Gateway
import TestSupport
import Testing
import Versioning

/// The gateway holds its port alone: neither another gateway nor a server that shares ports can take part of it.
@Suite("One listener per port")
struct ListenerTests {
    @Test func aSecondGatewayOnTheSamePortFailsToStartNamingTheBusyPort() async throws {
        try await withLiveGateway(threads: 2) { gateway throws in
            let configuration = GatewayConfiguration(
                port: gateway.port,
                threads: 2,
                upstream: try UpstreamURL(gateway.upstream.url)
            )
            let catalog = try VersionCatalog.bundled()
            let error = #expect(throws: GatewayStartError.self) {
                _ = try GatewayServer.start(configuration: configuration, catalog: catalog)
            }
            #expect(
                error?.description
                    == "cannot listen on 127.0.0.1:\(gateway.port): the port is already in use by another process"
            )
        }
    }

    @Test func aSocketAskingToSharePortsCannotJoinTheGateways() async throws {
        try await withLiveGateway(threads: 2) { gateway throws in
            #expect(throws: RawHTTPClient.Failure.self) {
                _ = try ListeningTCPSocket(port: gateway.port, reusePort: true)
            }
            #expect(try gateway.client().request("GET", "/").status == 200)
        }
    }

    @Test func aPortSharedByAnotherServerIsRefused() throws {
        let holder = try ListeningTCPSocket(reusePort: true)
        let configuration = GatewayConfiguration(port: holder.port, upstream: try UpstreamURL("http://127.0.0.1:1"))
        let catalog = try VersionCatalog.bundled()
        #expect(throws: GatewayStartError.self) {
            _ = try GatewayServer.start(configuration: configuration, catalog: catalog)
        }
    }

    /// Each loop has its own curl client, so the upstream sees one connection per loop that served a request.
    @Test(arguments: [2, 4])
    func connectionsAreDealtToEveryLoopInTurn(threads: Int) async throws {
        try await withLiveGateway(threads: threads) { gateway throws in
            for _ in 0..<(threads * 3) {
                #expect(try gateway.client().request("GET", "/").status == 200)
            }
            #expect(gateway.upstream.acceptedConnections == threads)
        }
    }
}
