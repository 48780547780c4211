import Gateway
import Glibc
import TestSupport
import Testing
import Versioning

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

    /// A body the gateway reads whole (to translate it: a v1 client of a v2 upstream) is answered `408`.
    @Test func aBodyThatStopsHalfwayIs408AndNeverReachesTheUpstream() async throws {
        let configure: (inout GatewayConfiguration) -> Void = { configuration in
            Self.shortDeadlines(&configuration)
            configuration.upstreamVersion = VersionName("v2")
        }
        try await withLiveGateway(configure: configure) { gateway in
            let client = try gateway.client()
            try client.send("POST /echo/x HTTP/1.1\r\nHost: x\r\nAPI-Version: v1\r\nContent-Length: 10\r\n\r\nabc")
            let response = try client.readResponse()
            #expect(response.status == 408)
            #expect(response.text.contains("request body did not arrive in time"))
            #expect(try client.serverClosed())
            #expect(gateway.upstream.requestsReceived == 0)
        }
    }

    /// A body streaming upstream as it arrives is partly there when it stops: no answer can be clean, so the
    /// connection closes and the upstream's transfer is cancelled, its request never complete.
    @Test func aStreamingBodyThatStopsHalfwayClosesBothConnections() async throws {
        try await withLiveGateway(configure: Self.shortDeadlines) { gateway in
            let client = try gateway.client()
            try client.send("POST /echo/x HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
            try await waitUntil { gateway.upstream.acceptedConnections == 1 }
            #expect(try client.serverClosed())
            try await waitUntil { gateway.upstream.closedConnections == 1 }
            #expect(gateway.upstream.requestsReceived == 0)
        }
    }

    /// A streamed body has no size limit: its timeout bounds the silence between parts, so an upload that keeps
    /// coming outlasts it (a fixed deadline cut off a 1 GB upload slower than 17 MB/s).
    @Test func aStreamingBodyThatKeepsComingOutlastsItsTimeout() async throws {
        // Parts a tenth of the timeout apart, for twice the timeout: room for a loaded machine's delays.
        let configure: (inout GatewayConfiguration) -> Void = { $0.bodyTimeoutSeconds = 1.5 }
        try await withLiveGateway(configure: configure) { gateway in
            let client = try gateway.client()
            try client.send("POST /echo/x HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n")
            for _ in 0..<20 {
                // A blocking pause: the suite's other tests can hold the cooperative threads for seconds, and a
                // task's sleep would then end late.
                usleep(150_000)
                try client.send("a")
            }
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == String(repeating: "a", count: 20))
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

    /// Every whole request sent before the half-close is answered; the last response says the connection closes.
    @Test func pipelinedRequestsBeforeAHalfCloseAreAllAnswered() async throws {
        try await withLiveGateway { gateway in
            let client = try gateway.client()
            try client.send("GET /delay/100 HTTP/1.1\r\nHost: x\r\n\r\nGET /echo/second HTTP/1.1\r\nHost: x\r\n\r\n")
            client.finishSending()
            let first = try client.readResponse()
            #expect(first.text == "delayed")
            #expect(first.header("Connection") == nil)
            let second = try client.readResponse()
            #expect(second.status == 200)
            #expect(second.header("Connection") == "close")
            #expect(try client.serverClosed())
        }
    }

    /// A response nobody reads does not hold its connection for ever (nginx's `send_timeout`).
    @Test func aResponseTheClientDoesNotReadIsCutOffAfterTheIdleTime() async throws {
        try await withLiveGateway(configure: Self.shortDeadlines) { gateway in
            let client = try RawHTTPClient(port: gateway.port, receiveBufferBytes: 64 * 1024)
            try client.send("GET /bytes/16000000 HTTP/1.1\r\nHost: x\r\n\r\n")
            try await Task.sleep(for: .seconds(3))
            // The gateway gave up on the response: the connection ends before its 16 MB do.
            var cutOff = false
            do { _ = try client.readResponse() } catch { cutOff = true }
            #expect(cutOff)
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
