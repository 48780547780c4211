import Gateway
import TestSupport
import Testing

/// Responses no change concerns (the client's version is the upstream's) are relayed as they arrive: under no body
/// limit, framed truthfully for the client, paused while the client does not read, and cut off (never ended
/// cleanly) when the upstream fails mid-body. Request bodies no change concerns go upstream as they arrive too.
@Suite(.timeLimit(.minutes(1))) struct RelayLiveTests {
    /// The collected limit is 1 MB here; a relayed body is not held, so it is not bound by it.
    private static func smallCollectedLimit(_ configuration: inout GatewayConfiguration) {
        configuration.limits.maxBodyBytes = 1 << 20
    }

    @Test func aBodyPastTheCollectedLimitIsRelayedWholeWithItsLength() async throws {
        try await withLiveGateway(configure: Self.smallCollectedLimit) { gateway in
            let response = try gateway.client().request("GET", "/stream/20000000")
            #expect(response.status == 200)
            #expect(response.header("Content-Length") == "20000000")
            #expect(response.header("API-Version") != nil, "stamped like any response")
            #expect(response.body.count == 20_000_000)
            #expect(response.body.withUnsafeBytes { EchoUpstream.patternMatches($0, at: 0) })
        }
    }

    /// A body of unknown length goes out in chunks to an HTTP/1.1 client, and the connection carries on.
    @Test func aBodyWithoutALengthIsChunkedForAnHTTP11Client() async throws {
        try await withLiveGateway { gateway in
            let client = try gateway.client()
            try client.send("GET /stream/300000?chunked HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try client.readResponse(headOnly: true)
            #expect(head.status == 200)
            #expect(head.header("Transfer-Encoding") == "chunked")
            #expect(head.header("Content-Length") == nil)
            let body = try Self.readChunkedBody(client)
            #expect(body.count == 300_000)
            #expect(body.withUnsafeBytes { EchoUpstream.patternMatches($0, at: 0) })
            #expect(try client.request("GET", "/echo/next").status == 200, "kept alive after the last chunk")
        }
    }

    /// HTTP/1.0 has no chunks: the end of the connection ends the body.
    @Test func aBodyWithoutALengthEndsWithTheConnectionForAnHTTP10Client() async throws {
        try await withLiveGateway { gateway in
            let client = try gateway.client()
            try client.send("GET /stream/300000?chunked HTTP/1.0\r\nHost: x\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.header("Transfer-Encoding") == nil)
            #expect(response.header("Connection") == "close")
            #expect(response.body.count == 300_000)
        }
    }

    /// The head is out when the upstream fails: the client must see a cut body, not a clean end.
    @Test func anUpstreamThatFailsMidBodyClosesTheConnection() async throws {
        try await withLiveGateway { gateway in
            let client = try gateway.client()
            try client.send("GET /stream/2000000?cut HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(throws: RawHTTPClient.Failure.self) { try client.readResponse() }
        }
    }

    /// An HTTP/1.0 client keeps its connection only when asked and told so (RFC 9112 §9.3).
    @Test func anHTTP10ClientAskingForKeepAliveIsToldItKeepsTheConnection() async throws {
        try await withLiveGateway { gateway in
            let client = try gateway.client()
            for _ in 0..<2 {
                try client.send("GET /stream/1000 HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.header("Connection") == "keep-alive")
                #expect(response.body.count == 1000)
            }
        }
    }

    /// HTTP/1.0 has no chunks, so the body ends with the connection: a failure must reset it, or the cut body would
    /// read as whole.
    @Test func anUpstreamThatFailsMidBodyResetsAnHTTP10Client() async throws {
        try await withLiveGateway { gateway in
            let client = try gateway.client()
            try client.send("GET /stream/2000000?chunked-cut HTTP/1.0\r\nHost: x\r\n\r\n")
            #expect(try client.readUntilReset())
        }
    }

    /// An upstream that fails with its head still waiting to be written (it sent the head and a little of the body,
    /// then hung up, all at once) gets the client that head and body before the reset: a reset before any byte may
    /// be retried by the client, and the upstream would see the request twice.
    @Test(arguments: ["1.1", "1.0"])
    func anUpstreamThatFailsRightAfterItsHeadStillGetsTheHeadOut(version: String) async throws {
        let upstream = try RawUpstream(
            answering: "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\nid,total\n"
        )
        defer { upstream.stop() }
        try await withLiveGateway(upstreamURL: upstream.url) { gateway in
            let client = try gateway.client()
            try client.send("GET /exports/orders.csv HTTP/\(version)\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse(headOnly: true).status == 200)
            #expect(try client.readUntilReset())
        }
    }

    /// A client that reads nothing holds the upstream up: the gateway pauses the transfer, so the upstream only
    /// fills socket buffers (a few MB on loopback) of a 100 MB body; once the client reads, all of it arrives, and the
    /// connection serves the next request.
    @Test func aClientThatDoesNotReadPausesTheUpstream() async throws {
        try await withLiveGateway { gateway in
            let client = try RawHTTPClient(port: gateway.port, receiveBufferBytes: 64 * 1024)
            try client.send("GET /stream/100000000 HTTP/1.1\r\nHost: x\r\n\r\n")
            var sent = -1
            for _ in 0..<50 where gateway.upstream.streamedBytes != sent {
                sent = gateway.upstream.streamedBytes
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(gateway.upstream.streamedBytes == sent, "the upstream stopped sending")
            #expect(sent < 32_000_000)
            let head = try client.readResponse(headOnly: true)
            #expect(head.header("Content-Length") == "100000000")
            var offset = 0
            while offset < 100_000_000 {
                let piece = try client.readBytes(min(4 << 20, 100_000_000 - offset))
                #expect(piece.withUnsafeBytes { EchoUpstream.patternMatches($0, at: offset) })
                offset += piece.count
            }
            #expect(try client.request("GET", "/echo/next").status == 200)
        }
    }

    /// A client that leaves mid-body cancels the transfer: the upstream connection closes too.
    @Test func aClientThatLeavesMidBodyCancelsTheTransfer() async throws {
        try await withLiveGateway { gateway in
            var client: RawHTTPClient? = try RawHTTPClient(port: gateway.port, receiveBufferBytes: 64 * 1024)
            try client?.send("GET /stream/100000000 HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client?.readResponse(headOnly: true).status == 200)
            try await waitUntil { gateway.upstream.streamedBytes > 0 }
            #expect(gateway.upstream.closedConnections == 0)
            client = nil
            try await waitUntil { gateway.upstream.closedConnections == 1 }
        }
    }

    /// 20 MB past the 1 MB limit for bodies the gateway must read: it streams up and echoes back, byte for byte.
    @Test func aRequestBodyPastTheCollectedLimitStreamsUpstream() async throws {
        try await withLiveGateway(configure: Self.smallCollectedLimit) { gateway in
            let body = EchoUpstream.pattern(count: 20_000_000)
            let response = try gateway.client().request("POST", "/echo/upload", body: body)
            #expect(response.status == 200)
            #expect(response.header("X-Echo-Body-Length") == "20000000")
            #expect(response.body == body)
        }
    }

    /// The head goes upstream before the body has all arrived; the rest follows, chunked as the client chunked it or
    /// not (the upstream gets chunks from curl either way when the length is unknown).
    @Test(arguments: [false, true])
    func aBodyArrivingInPartsReachesTheUpstreamAsItComes(chunked: Bool) async throws {
        try await withLiveGateway { gateway in
            let client = try gateway.client()
            let framing = chunked ? "Transfer-Encoding: chunked" : "Content-Length: 10"
            let parts = chunked ? ["5\r\nhello\r\n", "5\r\nworld\r\n0\r\n\r\n"] : ["hello", "world"]
            try client.send("PUT /echo/parts HTTP/1.1\r\nHost: x\r\n\(framing)\r\n\r\n" + parts[0])
            try await waitUntil { gateway.upstream.acceptedConnections == 1 }
            #expect(gateway.upstream.requestsReceived == 0, "the request is upstream, its body not yet whole")
            try client.send(parts[1])
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "helloworld")
            #expect(response.header("X-Echo-Method") == "PUT")
            #expect(try client.request("GET", "/echo/next").status == 200, "the connection carries on")
        }
    }

    /// An upstream may answer before it reads the body (RFC 9112 §9.5): the client gets that answer whole at once,
    /// then the connection closes, the rest of its body unread.
    @Test func anAnswerBeforeTheBodyReachesTheClientWholeAndEndsTheConnection() async throws {
        let upstream = try RawUpstream(
            answering: "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nearly",
            holdingConnections: true
        )
        defer { upstream.stop() }
        try await withLiveGateway(upstreamURL: upstream.url) { gateway in
            let client = try gateway.client()
            try client.send(
                "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n"
                    + String(repeating: "a", count: 100)
            )
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "early")
            #expect(response.header("Connection") == "close")
            #expect(try client.serverClosed())
        }
    }

    /// Decodes an HTTP/1.1 chunked body (RFC 9112 §7.1) from what follows a head, through its last chunk.
    private static func readChunkedBody(_ client: RawHTTPClient) throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            var line: [UInt8] = []
            while line.suffix(2) != [13, 10] { line += try client.readBytes(1) }
            let size = Int(String(decoding: line.dropLast(2), as: UTF8.self), radix: 16) ?? -1
            #expect(size >= 0)
            guard size > 0 else {
                #expect(try client.readBytes(2) == [13, 10])
                return body
            }
            body += try client.readBytes(size)
            #expect(try client.readBytes(2) == [13, 10])
        }
    }
}
