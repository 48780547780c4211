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
}

/// Polls `condition` every 10 ms, for at most 5 s.
func waitUntil(_ condition: () -> Bool) async throws {
    for _ in 0..<500 {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("condition not met within 5 s")
}
