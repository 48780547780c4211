import CurlClient
import TestSupport
import Testing

/// Streamed transfers (`CurlClient.stream`): the body relayed as it arrives, paused for a consumer that holds enough,
/// and ended truthfully. A hang is a failure, not a stuck run.
@Suite(.timeLimit(.minutes(1))) struct CurlClientStreamingTests {
    private static func smallLimit(_ configuration: inout CurlClient.Configuration) {
        configuration.maxResponseBodyBytes = 1 << 20
    }

    /// Streams `GET target` to its end and returns what its consumer was told.
    private static func streamed(_ target: String, by client: CurlClientHarness) async -> StreamRecorder.Snapshot {
        let recorder = StreamRecorder()
        _ = await client.stream(request("GET", target), to: recorder)
        #expect(await recorder.waitForEnd())
        return recorder.snapshot
    }

    @Test func aStreamedBodyArrivesWholeAndInOrderPastTheCollectedLimit() async throws {
        try await withCurlClient(configure: Self.smallLimit) { client, _ in
            let outcome = await Self.streamed("/stream/20000000", by: client)
            #expect(outcome.error == nil)
            #expect(outcome.head?.status == 200)
            #expect(outcome.head?.contentLength == 20_000_000)
            #expect(outcome.bytes == 20_000_000)
            #expect(outcome.matchesPattern)
            #expect(outcome.deliveries > 1, "the body came in pieces, not collected")
        }
    }

    @Test func aChunkedBodyArrivesWithoutItsFramingAndWithoutALength() async throws {
        try await withCurlClient { client, _ in
            let outcome = await Self.streamed("/stream/300000?chunked", by: client)
            #expect(outcome.error == nil)
            #expect(outcome.head?.contentLength == nil)
            #expect(outcome.bytes == 300_000)
            #expect(outcome.matchesPattern)
        }
    }

    /// The consumer holds enough after 1 MB: curl stops reading, so the upstream can only fill the sockets' buffers
    /// (a few MB on loopback) of its 64 MB; once resumed, the rest arrives intact.
    @Test func aConsumerThatHoldsEnoughPausesTheUpstreamUntilItResumes() async throws {
        try await withCurlClient { client, upstream in
            let recorder = StreamRecorder(holdAfter: 1 << 20)
            let id = try #require(await client.stream(request("GET", "/stream/64000000"), to: recorder))
            try await waitUntil { recorder.snapshot.bytes >= 1 << 20 }
            var sent = -1
            for _ in 0..<50 where upstream.streamedBytes != sent {
                sent = upstream.streamedBytes
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(upstream.streamedBytes == sent, "the upstream stopped sending")
            #expect(sent < 24_000_000)
            #expect(recorder.snapshot.bytes < 2 << 20, "nothing more was delivered while held")
            #expect(!recorder.snapshot.ended)
            recorder.release()
            client.resume(id)
            #expect(await recorder.waitForEnd())
            #expect(recorder.snapshot.bytes == 64_000_000)
            #expect(recorder.snapshot.matchesPattern)
            #expect(recorder.snapshot.error == nil)
        }
    }

    /// Cancelled while its body is in flight (after a first delivery, not in the turn it started): the consumer is
    /// told nothing more, the upstream connection is closed, and the client serves the next transfer.
    @Test func aTransferCancelledMidBodyIsNeverToldAgainAndItsConnectionCloses() async throws {
        try await withCurlClient { client, upstream in
            let recorder = StreamRecorder(holdAfter: 1)
            let id = try #require(await client.stream(request("GET", "/stream/64000000"), to: recorder))
            try await waitUntil { recorder.snapshot.deliveries >= 1 }
            await client.cancel(id)
            #expect(await client.activeTransfers == 0)
            try await waitUntil { upstream.closedConnections == 1 }
            #expect(upstream.acceptedConnections == 1)
            client.resume(id)  // stale: ignored
            #expect(!recorder.snapshot.ended)
            let next = try await client.execute(request("GET", "/bytes/10")).get()
            #expect(next.body == EchoUpstream.pattern(count: 10))
        }
    }

    /// The upstream closes after half of what it announced: the consumer had the head, so the end must say failure.
    @Test func aBodyCutShortEndsInAFailureAfterItsHead() async throws {
        try await withCurlClient { client, _ in
            let outcome = await Self.streamed("/stream/2000000?cut", by: client)
            #expect(outcome.head?.contentLength == 2_000_000)
            #expect(outcome.bytes <= 1_000_000)
            #expect(outcome.error != nil)
        }
    }

    @Test func aFailureBeforeAnyHeadIsTheOnlyNews() async throws {
        let port = try ListeningTCPSocket(listening: false)
        try await withCurlClient(upstreamURL: "http://127.0.0.1:\(port.port)") { client, _ in
            let outcome = await Self.streamed("/stream/10", by: client)
            #expect(outcome.head == nil)
            #expect(outcome.error?.kind == .unreachable)
        }
    }
}

/// Request bodies sent as they are supplied (`UpstreamRequest.streamedBody`): the transfer waits for bytes without
/// spinning, asks the supplier to wait past a window, and sends exactly what was supplied.
@Suite(.timeLimit(.minutes(1))) struct CurlClientUploadTests {
    private static func upload(_ framing: UpstreamRequest.StreamedBody) -> UpstreamRequest {
        var upload = request("POST", "/echo/upload")
        upload.streamedBody = framing
        return upload
    }

    @Test(arguments: [UpstreamRequest.StreamedBody.length(3_000_000), .chunked])
    func aBodySuppliedInPiecesArrivesWhole(framing: UpstreamRequest.StreamedBody) async throws {
        try await withCurlClient { client, upstream in
            let recorder = StreamRecorder()
            let id = try #require(await client.stream(Self.upload(framing), to: recorder))
            var offset = 0
            while offset < 3_000_000 {
                let piece = EchoUpstream.pattern(offset..<min(3_000_000, offset + 100_000))
                if !(await client.supplyBody(piece, to: id)) {
                    // The transfer holds enough: wait for it to ask for more.
                    let asked = recorder.snapshot.bodyRequests
                    try await waitUntil { recorder.snapshot.bodyRequests > asked }
                }
                offset += piece.count
            }
            client.finishBody(of: id)
            #expect(await recorder.waitForEnd())
            let outcome = recorder.snapshot
            #expect(outcome.error == nil)
            #expect(outcome.head?.status == 200)
            #expect(outcome.bytes == 3_000_000, "the echo upstream answers with the body it got")
            #expect(outcome.matchesPattern)
            #expect(upstream.requestsReceived == 1)
        }
    }

    /// An upstream that answers whole before reading the body (and holds the connection without reading) ends the
    /// transfer: curl alone would wait to send a body the upstream never reads.
    @Test func aWholeAnswerBeforeTheBodyWasSentEndsTheTransfer() async throws {
        let upstream = try RawUpstream(
            answering: "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nearly",
            holdingConnections: true
        )
        defer { upstream.stop() }
        let harness = try CurlClientHarness(configuration: .init(upstream: try UpstreamURL(upstream.url)))
        defer { harness.stop() }
        let recorder = StreamRecorder()
        #expect(await harness.stream(Self.upload(.length(1_000_000)), to: recorder) != nil)
        #expect(await recorder.waitForEnd(seconds: 10))
        #expect(recorder.snapshot.error == nil)
        #expect(recorder.snapshot.bytes == 5)
        #expect(await harness.activeTransfers == 0)
    }

    /// The same for a transfer whose response is collected: it ends with the whole answer, not at the timeout,
    /// an empty one included.
    @Test(arguments: [(200, "early"), (413, "")])
    func aWholeAnswerBeforeTheBodyWasSentEndsACollectedTransferToo(status: Int, body: String) async throws {
        let upstream = try RawUpstream(
            answering: "HTTP/1.1 \(status) Answered\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)",
            holdingConnections: true
        )
        defer { upstream.stop() }
        let harness = try CurlClientHarness(configuration: .init(upstream: try UpstreamURL(upstream.url)))
        defer { harness.stop() }
        let response = try await harness.execute(Self.upload(.length(1_000_000))).get()
        #expect(response.status == status)
        #expect(response.body == Array(body.utf8))
        #expect(await harness.activeTransfers == 0)
    }

    /// Nothing supplied yet: the transfer waits (paused, not polling) and the upstream has not got the request whole.
    @Test func aTransferWaitsForItsBodyAndEndsOnceItIsFinished() async throws {
        try await withCurlClient { client, upstream in
            let recorder = StreamRecorder()
            let id = try #require(await client.stream(Self.upload(.length(5)), to: recorder))
            try await waitUntil { upstream.acceptedConnections == 1 }
            try await Task.sleep(for: .milliseconds(200))
            #expect(upstream.requestsReceived == 0)
            #expect(!recorder.snapshot.ended)
            #expect(await client.supplyBody(Array("hello".utf8), to: id))
            client.finishBody(of: id)
            #expect(await recorder.waitForEnd())
            #expect(recorder.snapshot.head?.status == 200)
            #expect(recorder.snapshot.bytes == 5)
        }
    }
}
