import Gateway
import TestSupport
import Testing
import Versioning

/// What the gateway holds of bodies at once, against clients that do not read and bodies that would not fit. The
/// responses here are JSON to v1 clients of a v2 upstream, so they are collected whole to be translated; a relayed
/// one holds a bounded window instead (RelayLiveTests).
@Suite(.timeLimit(.minutes(1))) struct BufferBudgetLiveTests {
    private static func budgetOf24MiB(_ configuration: inout GatewayConfiguration) {
        configuration.maxBufferedBytes = 24 << 20
        configuration.limits.maxBodyBytes = 8 << 20
        configuration.upstreamVersion = VersionName("v2")
    }

    /// Three clients that read the head of an 8 MB response and stop: the gateway buffers each body whole before
    /// it answers, so once the heads are read, the three hold 24 MB of the budget.
    private static func stallThreeReaders(_ gateway: LiveGateway) throws -> [RawHTTPClient] {
        let stalled = try (0..<3).map { _ in try gateway.client() }
        for client in stalled {
            try client.send("GET /json-string/8000000 HTTP/1.1\r\nHost: x\r\nAPI-Version: v1\r\n\r\n")
        }
        for client in stalled { #expect(try client.readResponse(headOnly: true).status == 200) }
        return stalled
    }

    @Test func clientsThatDoNotReadHoldTheBudgetAndTheNextIsRefusedNotHeld() async throws {
        try await withLiveGateway(configure: Self.budgetOf24MiB) { gateway in
            var stalled = try Self.stallThreeReaders(gateway)
            let refused = try gateway.client().request("GET", "/json-string/8000000", headers: [("API-Version", "v1")])
            #expect(refused.status == 503)
            #expect(refused.header("Retry-After") == "1")
            #expect(refused.text.contains("over-budget"))
            // The budget comes back as the stalled clients go.
            stalled.removeAll()
            var status = 0
            for _ in 0..<100 where status != 200 {
                status = try gateway.client().request("GET", "/json-string/8000000", headers: [("API-Version", "v1")])
                    .status
                if status != 200 { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(status == 200)
        }
    }

    @Test func aDeclaredBodyThatDoesNotFitIs503BeforeItIsRead() async throws {
        try await withLiveGateway(configure: Self.budgetOf24MiB) { gateway in
            let stalled = try Self.stallThreeReaders(gateway)
            let client = try gateway.client()
            try client.send("POST /echo/x HTTP/1.1\r\nHost: x\r\nAPI-Version: v1\r\nContent-Length: 4000000\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 503)
            #expect(response.header("Connection") == "close")
            #expect(gateway.upstream.requestsReceived == stalled.count)
        }
    }
}
