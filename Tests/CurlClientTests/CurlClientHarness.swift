import CurlClient
import EventLoop
import Foundation
import Synchronization
import TestSupport

/// A curl client on its own running event loop, for tests. Tests talk to it only through `loop.execute`.
final class CurlClientHarness: @unchecked Sendable {
    let loop: EventLoop
    /// Touched only on the loop's thread (created before the loop runs).
    private let client: CurlClient
    private let stopped = DispatchSemaphore(value: 0)

    init(configuration: CurlClient.Configuration) throws {
        self.loop = try EventLoop()
        self.client = try CurlClient(loop: self.loop, configuration: configuration)
        let thread = Thread { [loop = self.loop, stopped = self.stopped] in
            loop.run()
            stopped.signal()
        }
        thread.start()
    }

    func execute(_ request: UpstreamRequest) async -> Result<UpstreamResponse, CurlClientError> {
        await withCheckedContinuation { continuation in
            self.loop.execute {
                self.client.execute(request, handler: ResumingHandler(continuation))
            }
        }
    }

    /// Starts a transfer and cancels it on the same turn of the loop; returns whether its handler was told.
    func startAndCancel(_ request: UpstreamRequest) async -> RecordingHandler {
        await withCheckedContinuation { continuation in
            self.loop.execute {
                let handler = RecordingHandler()
                if let id = self.client.execute(request, handler: handler) { self.client.cancel(id) }
                continuation.resume(returning: handler)
            }
        }
    }

    var activeTransfers: Int {
        get async {
            await withCheckedContinuation { continuation in
                self.loop.execute { continuation.resume(returning: self.client.activeTransfers) }
            }
        }
    }

    /// Starts `request`, then shuts the client down while it runs; returns what its handler was told.
    func shutdownDuring(_ request: UpstreamRequest) async -> Result<UpstreamResponse, CurlClientError> {
        await withCheckedContinuation { continuation in
            self.loop.execute {
                self.client.execute(request, handler: ResumingHandler(continuation))
                self.client.shutdown()
            }
        }
    }

    func stop() {
        self.loop.execute {
            self.client.shutdown()
            self.loop.stop()
        }
        self.stopped.wait()
    }
}

final class ResumingHandler: UpstreamResponseHandler {
    private var continuation: CheckedContinuation<Result<UpstreamResponse, CurlClientError>, Never>?

    init(_ continuation: CheckedContinuation<Result<UpstreamResponse, CurlClientError>, Never>) {
        self.continuation = continuation
    }

    func upstreamTransfer(finishedWith result: Result<UpstreamResponse, CurlClientError>) {
        self.continuation?.resume(returning: result)
        self.continuation = nil
    }
}

final class RecordingHandler: UpstreamResponseHandler, @unchecked Sendable {
    private(set) var wasTold = false
    private(set) var result: Result<UpstreamResponse, CurlClientError>?

    func upstreamTransfer(finishedWith result: Result<UpstreamResponse, CurlClientError>) {
        self.wasTold = true
        self.result = result
    }
}

/// Runs `body` with a client in front of a fresh echo upstream, and stops both.
func withCurlClient<Result>(
    configure: (inout CurlClient.Configuration) -> Void = { _ in },
    upstreamURL: String? = nil,
    _ body: (CurlClientHarness, EchoUpstream) async throws -> Result
) async throws -> Result {
    let upstream = try await EchoUpstream.start()
    var configuration = CurlClient.Configuration(upstream: try UpstreamURL(upstreamURL ?? upstream.url))
    configure(&configuration)
    let harness = try CurlClientHarness(configuration: configuration)
    defer { harness.stop() }
    do {
        let result = try await body(harness, upstream)
        try await upstream.stop()
        return result
    } catch {
        try? await upstream.stop()
        throw error
    }
}

func request(
    _ method: String,
    _ target: String,
    body: [UInt8]? = nil,
    headers: [(String, String)] = []
)
    -> UpstreamRequest
{
    UpstreamRequest(method: method, target: target, headers: headers.map { (name: $0.0, value: $0.1) }, body: body)
}

extension CurlClientHarness {
    /// Starts a streamed transfer to `consumer`; returns its identifier.
    func stream(_ request: UpstreamRequest, to consumer: StreamRecorder) async -> CurlClient.TransferID? {
        await withCheckedContinuation { continuation in
            self.loop.execute { continuation.resume(returning: self.client.stream(request, to: consumer)) }
        }
    }

    /// Starts a transfer that `recipient` decides on at its head; returns its identifier.
    func start(_ request: UpstreamRequest, decidingAtHead recipient: DecidingRecorder) async -> CurlClient.TransferID? {
        await withCheckedContinuation { continuation in
            self.loop.execute { continuation.resume(returning: self.client.start(request, decidingAtHead: recipient)) }
        }
    }

    func resume(_ id: CurlClient.TransferID) {
        self.loop.execute { self.client.resume(id) }
    }

    /// Supplies request body bytes; returns whether the transfer takes more now.
    func supplyBody(_ bytes: [UInt8], to id: CurlClient.TransferID) async -> Bool {
        await withCheckedContinuation { continuation in
            self.loop.execute {
                continuation.resume(returning: bytes.withUnsafeBytes { self.client.supplyBody($0, to: id) })
            }
        }
    }

    func finishBody(of id: CurlClient.TransferID) {
        self.loop.execute { self.client.finishBody(of: id) }
    }

    func cancel(_ id: CurlClient.TransferID) async {
        await withCheckedContinuation { continuation in
            self.loop.execute {
                self.client.cancel(id)
                continuation.resume()
            }
        }
    }
}

/// A streamed transfer's consumer that checks the body against ``EchoUpstream/pattern(_:)`` as it arrives (so that a
/// large body is never held), and can hold up the transfer. Touched on the loop thread; read by tests through
/// ``snapshot``.
final class StreamRecorder: UpstreamStreamConsumer, @unchecked Sendable {
    struct Snapshot: Sendable {
        var head: UpstreamResponseHead?
        var bytes = 0
        var deliveries = 0
        /// Whether every byte so far was the pattern's at its position.
        var matchesPattern = true
        var ended = false
        var error: CurlClientError?
        /// How often the transfer asked for more of a request body after saying to wait.
        var bodyRequests = 0
    }

    private let state = Mutex(Snapshot())
    /// Once this many bytes arrived, the recorder says it holds enough, until ``release()``.
    private let holdAfter: Int
    private let released = Mutex(false)
    private let ended = DispatchSemaphore(value: 0)

    init(holdAfter: Int = .max) {
        self.holdAfter = holdAfter
    }

    var snapshot: Snapshot { self.state.withLock { $0 } }

    func upstreamStream(receivedHead head: UpstreamResponseHead, body: UnsafeRawBufferPointer) -> Bool {
        self.state.withLock { $0.head = head }
        return body.isEmpty ? true : self.upstreamStream(received: body)
    }

    func upstreamStream(received body: UnsafeRawBufferPointer) -> Bool {
        self.state.withLock { state in
            if !EchoUpstream.patternMatches(body, at: state.bytes) { state.matchesPattern = false }
            state.bytes += body.count
            state.deliveries += 1
            return state.bytes < self.holdAfter || self.released.withLock { $0 }
        }
    }

    /// Takes everything from now on; call before resuming the transfer.
    func release() {
        self.released.withLock { $0 = true }
    }

    func upstreamStreamTakesRequestBody() {
        self.state.withLock { $0.bodyRequests += 1 }
    }

    func upstreamStream(endedWith error: CurlClientError?) {
        self.state.withLock {
            $0.ended = true
            $0.error = error
        }
        self.ended.signal()
    }

    /// Waits (off any loop) until the transfer ends, at most `seconds`; false when it did not.
    func waitForEnd(seconds: Int = 20) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: self.ended.wait(timeout: .now() + .seconds(seconds)) == .success)
            }
        }
    }
}

extension CurlClientHarness {
    /// Starts a transfer to `handler`; returns its identifier.
    func begin(_ request: UpstreamRequest, handler: RecordingHandler) async -> CurlClient.TransferID? {
        await withCheckedContinuation { continuation in
            self.loop.execute { continuation.resume(returning: self.client.execute(request, handler: handler)) }
        }
    }

    /// Cancels `id` and starts `request` in the same turn of the loop, so that a socket closed for the first
    /// transfer may leave its number to the second (no other thread of the test run took it meanwhile), then runs
    /// `next` there; returns what the second's handler was told.
    func cancel(
        _ id: CurlClient.TransferID,
        thenExecute request: UpstreamRequest,
        andThen next: @escaping @Sendable () -> Void
    ) async -> Result<UpstreamResponse, CurlClientError> {
        await withCheckedContinuation { continuation in
            self.loop.execute {
                self.client.cancel(id)
                self.client.execute(request, handler: ResumingHandler(continuation))
                next()
            }
        }
    }
}
