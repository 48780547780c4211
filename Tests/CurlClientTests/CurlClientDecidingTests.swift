import CurlClient
import Dispatch
import Synchronization
import TestSupport
import Testing

/// Transfers whose head decides how the body travels (`CurlClient.start(_:decidingAtHead:)`): relayed as a streamed
/// transfer's, or collected whole as an executed one's, under its limit and a total deadline.
@Suite(.timeLimit(.minutes(1))) struct CurlClientDecidingTests {
    private static func smallLimit(_ configuration: inout CurlClient.Configuration) {
        configuration.maxResponseBodyBytes = 1 << 20
    }

    @Test func aBodyTheHeadLetsGoIsRelayedPastTheCollectedLimit() async throws {
        try await withCurlClient(configure: Self.smallLimit) { client, _ in
            let recipient = DecidingRecorder(collects: false)
            _ = await client.start(request("GET", "/stream/3000000"), decidingAtHead: recipient)
            #expect(await recipient.stream.waitForEnd())
            let relayed = recipient.stream.snapshot
            #expect(relayed.error == nil)
            #expect(relayed.head?.status == 200)
            #expect(relayed.bytes == 3_000_000)
            #expect(relayed.matchesPattern)
            #expect(recipient.askedAbout?.contentLength == 3_000_000)
            #expect(recipient.collected == nil)
        }
    }

    /// 300 KB arrive faster than they are decided on: curl holds the transfer paused after the first 64 KiB, and
    /// collecting resumes it.
    @Test func aBodyTheHeadKeepsIsCollectedWhole() async throws {
        try await withCurlClient { client, _ in
            let recipient = DecidingRecorder(collects: true)
            _ = await client.start(request("GET", "/bytes/300000"), decidingAtHead: recipient)
            let response = try #require(await recipient.waitForCollection()).get()
            #expect(response.status == 200)
            #expect(response.body == EchoUpstream.pattern(count: 300_000))
            #expect(recipient.askedAbout?.status == 200)
            #expect(recipient.stream.snapshot.head == nil, "nothing was relayed")
        }
    }

    @Test func aCollectedBodyIsHeldToTheLimit() async throws {
        try await withCurlClient(configure: Self.smallLimit) { client, _ in
            let recipient = DecidingRecorder(collects: true)
            _ = await client.start(request("GET", "/stream/3000000"), decidingAtHead: recipient)
            let result = try #require(await recipient.waitForCollection())
            #expect(throws: CurlClientError.self) { try result.get() }
            if case .failure(let error) = result { #expect(error.kind == .responseTooLarge) }
        }
    }

    /// `/drip/20` takes a second, a byte every 50 ms: never silent for the 300 ms timeout, but longer in total. A
    /// collected body must be whole by then; a relayed one only must not fall silent.
    @Test(arguments: [true, false])
    func aCollectedBodyMustArriveWithinTheTimeoutARelayedOneNeedNot(collects: Bool) async throws {
        let configure: (inout CurlClient.Configuration) -> Void = { $0.totalTimeoutMilliseconds = 300 }
        try await withCurlClient(configure: configure) { client, _ in
            let recipient = DecidingRecorder(collects: collects)
            _ = await client.start(request("GET", "/drip/20"), decidingAtHead: recipient)
            if collects {
                let result = try #require(await recipient.waitForCollection())
                if case .failure(let error) = result {
                    #expect(error.kind == .timedOut)
                } else {
                    Issue.record("a collected body past the timeout was taken")
                }
            } else {
                #expect(await recipient.stream.waitForEnd())
                #expect(recipient.stream.snapshot.error == nil)
                #expect(recipient.stream.snapshot.bytes == 20)
            }
        }
    }

    /// A body sent as it arrives takes as long as its client: the total timeout for the response starts at its end.
    /// Ten bytes a tenth of a second apart take a second, past the 300 ms timeout, never silent for long.
    @Test func theTimeoutOfABodySentAsItArrivesStartsAtItsEnd() async throws {
        let configure: (inout CurlClient.Configuration) -> Void = { $0.totalTimeoutMilliseconds = 300 }
        try await withCurlClient(configure: configure) { client, _ in
            let recipient = DecidingRecorder(collects: true)
            var upload = request("POST", "/echo/upload")
            upload.streamedBody = .length(10)
            let id = try #require(await client.start(upload, decidingAtHead: recipient))
            for _ in 0..<10 {
                #expect(await client.supplyBody(Array("a".utf8), to: id))
                try await Task.sleep(for: .milliseconds(100))
            }
            client.finishBody(of: id)
            let response = try #require(await recipient.waitForCollection()).get()
            #expect(response.status == 200)
            #expect(response.body == Array(repeating: UInt8(ascii: "a"), count: 10))
        }
    }

    @Test func aFailureBeforeTheHeadIsToldAsACollectorsWithoutAQuestion() async throws {
        try await withCurlClient(upstreamURL: "http://127.0.0.1:1") { client, _ in
            let recipient = DecidingRecorder(collects: false)
            _ = await client.start(request("GET", "/"), decidingAtHead: recipient)
            let result = try #require(await recipient.waitForCollection())
            if case .failure(let error) = result { #expect(error.kind == .unreachable) }
            #expect(recipient.askedAbout == nil)
            #expect(!recipient.stream.snapshot.ended)
        }
    }
}

/// A recipient that answers the head's question with `collects`, and records what it is told: as a consumer through
/// ``stream``, as a collector in ``collected``.
final class DecidingRecorder: UpstreamResponseRecipient, @unchecked Sendable {
    let stream = StreamRecorder()
    private let collects: Bool
    private let state = Mutex<(asked: UpstreamResponseHead?, collected: Result<UpstreamResponse, CurlClientError>?)>(
        (nil, nil)
    )
    private let finished = DispatchSemaphore(value: 0)

    init(collects: Bool) {
        self.collects = collects
    }

    /// The head the recipient was asked about, if it was.
    var askedAbout: UpstreamResponseHead? { self.state.withLock { $0.asked } }
    var collected: Result<UpstreamResponse, CurlClientError>? { self.state.withLock { $0.collected } }

    func upstreamTransferCollectsBody(after head: UpstreamResponseHead) -> Bool {
        self.state.withLock { $0.asked = head }
        return self.collects
    }

    func upstreamTransfer(finishedWith result: Result<UpstreamResponse, CurlClientError>) {
        self.state.withLock { $0.collected = result }
        self.finished.signal()
    }

    func upstreamStream(receivedHead head: UpstreamResponseHead, body: UnsafeRawBufferPointer) -> Bool {
        self.stream.upstreamStream(receivedHead: head, body: body)
    }

    func upstreamStream(received body: UnsafeRawBufferPointer) -> Bool {
        self.stream.upstreamStream(received: body)
    }

    func upstreamStream(endedWith error: CurlClientError?) {
        self.stream.upstreamStream(endedWith: error)
    }

    /// Waits (off any loop) until the collector is told, at most 20 s; nil when it was not.
    func waitForCollection() async -> Result<UpstreamResponse, CurlClientError>? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let told = self.finished.wait(timeout: .now() + .seconds(20)) == .success
                continuation.resume(returning: told ? self.collected : nil)
            }
        }
    }
}
