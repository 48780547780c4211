import Dispatch
import Gateway
import TestSupport
import Testing

@Suite("Graceful shutdown")
struct ShutdownTests {
    @Test func inFlightRequestsFinishAndNewConnectionsAreRefused() async throws {
        try await withLiveGateway(threads: 2) { gateway in
            let clients = try (0..<10).map { _ in try gateway.client() }
            for client in clients { try client.send("GET /delay/300 HTTP/1.1\r\nHost: t\r\n\r\n") }
            let idle = try gateway.client()
            // Wait until the upstream holds every request, so that all of them are in flight at shutdown.
            try await waitUntil { gateway.upstream.requestsReceived == 10 }
            gateway.server.shutdown()
            for client in clients {
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.text == "delayed")
            }
            #expect(try idle.serverClosed())
            await gateway.server.stoppedAsync()
            #expect(throws: RawHTTPClient.Failure.self) { try RawHTTPClient(port: gateway.port) }
        }
    }

    private static func tenMinutesToDrain(_ configuration: inout GatewayConfiguration) {
        configuration.drainTimeoutSeconds = 600
    }

    /// A half-sent head is no request in flight: with a drain timeout of ten minutes, this test ends only because
    /// the gateway closes that connection at once (its time limit is a minute).
    @Test(.timeLimit(.minutes(1))) func aHalfSentHeadDoesNotHoldShutdown() async throws {
        try await withLiveGateway(configure: Self.tenMinutesToDrain) { gateway in
            let stalled = try gateway.client()
            #expect(try stalled.request("GET", "/echo/first").status == 200)
            try stalled.send("GET /echo/x HTTP/1.1\r\nHost: x\r\n")
            let midBody = try gateway.client()
            try midBody.send("POST /echo/x HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            // The interim answer shows the head was routed: the request is in flight.
            #expect(try midBody.readResponse().status == 100)
            gateway.server.shutdown()
            #expect(try stalled.serverClosed())
            // A request whose head was routed is in flight: its body still completes it.
            try midBody.send("abcd")
            let response = try midBody.readResponse()
            #expect(response.status == 200)
            #expect(response.header("Connection") == "close")
            await gateway.server.stoppedAsync()
        }
    }
}
