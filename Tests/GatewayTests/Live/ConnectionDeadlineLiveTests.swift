import Gateway
import TestSupport
import Testing

/// Slow, silent and half-closing clients against a live gateway with short deadlines. The gateway checks its
/// deadlines once a second, so each test waits at most a few seconds, bounded by the client's read timeout.
@Suite(.timeLimit(.minutes(1))) struct ConnectionDeadlineLiveTests {
    private static func shortDeadlines(_ configuration: inout GatewayConfiguration) {
        configuration.idleTimeoutSeconds = 0.5
        configuration.headTimeoutSeconds = 0.5
        configuration.bodyTimeoutSeconds = 0.5
    }

    @Test func aHeadThatStopsHalfwayIs408AndTheConnectionCloses() async throws {
        try await withLiveGateway(configure: Self.shortDeadlines) { gateway in
            let client = try gateway.client()
            try client.send("GET /echo/x HTTP/1.1\r\nHost: x\r\n")
            let response = try client.readResponse()
            #expect(response.status == 408)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.text.contains("request head did not arrive in time"))
            #expect(response.header("Connection") == "close")
            #expect(try client.serverClosed())
        }
    }

    @Test func aBodyThatStopsHalfwayIs408AndNeverReachesTheUpstream() async throws {
        try await withLiveGateway(configure: Self.shortDeadlines) { gateway in
            let client = try gateway.client()
            try client.send("POST /echo/x HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
            let response = try client.readResponse()
            #expect(response.status == 408)
            #expect(response.text.contains("request body did not arrive in time"))
            #expect(try client.serverClosed())
            #expect(gateway.upstream.requestsReceived == 0)
        }
    }

    @Test func anIdleConnectionIsClosedWithoutAnAnswer() async throws {
        try await withLiveGateway(configure: Self.shortDeadlines) { gateway in
            let client = try gateway.client()
            #expect(try client.request("GET", "/echo/x").status == 200)
            #expect(try client.serverClosed())
        }
    }

    /// RFC 9112 §9.6: `printf 'GET …' | nc` shuts down its sending side after the request; it still gets the answer.
    @Test func aClientThatStopsSendingAfterAWholeRequestGetsItsResponse() async throws {
        try await withLiveGateway { gateway in
            let client = try gateway.client()
            try client.send("GET /delay/100 HTTP/1.1\r\nHost: x\r\n\r\n")
            client.finishSending()
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "delayed")
            #expect(response.header("Connection") == "close")
            #expect(try client.serverClosed())
        }
    }

    @Test func aClientThatStopsSendingHalfwayThroughAHeadIsClosed() async throws {
        try await withLiveGateway { gateway in
            let client = try gateway.client()
            try client.send("GET /echo/x HTTP/1.1\r\nHost: x\r\n")
            client.finishSending()
            #expect(try client.serverClosed())
        }
    }
}
