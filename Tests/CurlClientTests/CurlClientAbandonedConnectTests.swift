import CurlClient
import Foundation
import TestSupport
import Testing

/// libcurl before 8.2 closes the socket of a connect it abandons without `CURLOPT_CLOSESOCKETFUNCTION` (curl issue
/// #11439); the next socket to get its number must still be watched.
@Suite struct CurlClientAbandonedConnectTests {
    @Test func aTransferCancelledWhileConnectingLeavesTheNextOneWatched() async throws {
        let upstream = try RawUpstream.stalled(answering: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        defer { upstream.stop() }
        var configuration = CurlClient.Configuration(upstream: try UpstreamURL(upstream.url))
        // Long enough for a loaded test run to reach the cancel, and the bound of a failure: a transfer whose socket
        // is never watched ends at this timeout.
        configuration.connectTimeoutMilliseconds = 60_000
        configuration.totalTimeoutMilliseconds = 60_000
        let harness = try CurlClientHarness(configuration: configuration)
        defer { harness.stop() }

        let abandoned = RecordingHandler()
        let id = try #require(await harness.begin(request("GET", "/abandoned"), handler: abandoned))
        // The connect is under way and cannot complete while the upstream's queue is full; the upstream accepts
        // only once the transfer is cancelled, so the next transfer's connect (or its retry a second later) does.
        try await Task.sleep(for: .milliseconds(200))
        let result = await harness.cancel(id, thenExecute: request("GET", "/next")) { upstream.startAccepting() }

        #expect(try result.get().status == 200)
        #expect(!abandoned.wasTold, "\(String(describing: abandoned.result))")
    }
}
