import CurlClient
import TestSupport
import Testing

/// The watchdog that bounds transfers curl's total timeout cannot (relayed bodies, request bodies sent as they
/// arrive, bodies decided at their head): the upstream's silence, never the time curl is held back for a client,
/// and a collected body's deadline. The timeout here is 300 ms, watched every 75 ms.
@Suite(.timeLimit(.minutes(1))) struct CurlClientWatchdogTests {
    private static func shortTimeout(_ configuration: inout CurlClient.Configuration) {
        configuration.totalTimeoutMilliseconds = 300
    }

    /// An upstream that sends part of its body and falls silent, for a consumer and for a decider either way.
    @Test(arguments: [nil, true, false] as [Bool?])
    func anUpstreamThatFallsSilentMidBodyTimesOut(collects: Bool?) async throws {
        let upstream = try RawUpstream(
            answering: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n[1,",
            holdingConnections: true
        )
        defer { upstream.stop() }
        var configuration = CurlClient.Configuration(upstream: try UpstreamURL(upstream.url))
        Self.shortTimeout(&configuration)
        let harness = try CurlClientHarness(configuration: configuration)
        defer { harness.stop() }
        let error: CurlClientError?
        if let collects {
            let recipient = DecidingRecorder(collects: collects)
            _ = await harness.start(request("GET", "/"), decidingAtHead: recipient)
            if collects {
                error = try #require(await recipient.waitForCollection()).failureValue
            } else {
                #expect(await recipient.stream.waitForEnd(seconds: 5))
                error = recipient.stream.snapshot.error
            }
        } else {
            let recorder = StreamRecorder()
            _ = await harness.stream(request("GET", "/"), to: recorder)
            #expect(await recorder.waitForEnd(seconds: 5))
            error = recorder.snapshot.error
        }
        #expect(error?.kind == .timedOut)
        #expect(await harness.activeTransfers == 0)
    }

    /// A consumer that takes nothing for a second holds curl back: the upstream's silence meanwhile is the
    /// gateway's doing, and the body arrives whole once it resumes.
    @Test func aConsumerThatHoldsTheBodyPastTheTimeoutIsNotTimedOut() async throws {
        try await withCurlClient(configure: Self.shortTimeout) { client, _ in
            let recorder = StreamRecorder(holdAfter: 1)
            let id = try #require(await client.stream(request("GET", "/stream/3000000"), to: recorder))
            try await waitUntil { recorder.snapshot.bytes >= 1 }
            try await Task.sleep(for: .seconds(1))
            #expect(!recorder.snapshot.ended)
            recorder.release()
            client.resume(id)
            #expect(await recorder.waitForEnd())
            #expect(recorder.snapshot.error == nil)
            #expect(recorder.snapshot.bytes == 3_000_000)
        }
    }

    /// A request body whose client pauses longer than the timeout between parts: curl waits for it, held back,
    /// and the upstream gets it whole (curl's own low-speed check counts such a wait as the upstream's silence).
    @Test func aRequestBodyWhoseClientPausesPastTheTimeoutIsNotTimedOut() async throws {
        try await withCurlClient(configure: Self.shortTimeout) { client, _ in
            let recorder = StreamRecorder()
            var upload = request("POST", "/echo/upload")
            upload.streamedBody = .length(3)
            let id = try #require(await client.stream(upload, to: recorder))
            for _ in 0..<3 {
                try await Task.sleep(for: .milliseconds(600))
                #expect(await client.supplyBody(Array("a".utf8), to: id))
            }
            client.finishBody(of: id)
            #expect(await recorder.waitForEnd())
            #expect(recorder.snapshot.error == nil)
            #expect(recorder.snapshot.head?.status == 200)
            #expect(recorder.snapshot.bytes == 3)
        }
    }
}

extension Result {
    /// The failure, if the result is one.
    fileprivate var failureValue: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}
