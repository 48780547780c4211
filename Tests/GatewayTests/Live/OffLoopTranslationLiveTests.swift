import Dispatch
import Gateway
import NIOPosix
import TestSupport
import Testing
import Versioning

/// A large translation runs off the event loop: a 31 MB list used to hold the health endpoint on its loop for
/// more than half a second. Shown without timing: the translation pool's only thread is held busy, so the list
/// cannot be translated; the health check on the same (only) loop is answered all the same, and the list is not,
/// until the pool is let go.
@Suite(.timeLimit(.minutes(1))) struct OffLoopTranslationLiveTests {
    private static let list = #"{"data":[{"id":"po_1","supplier_id":"sup_1","created_at":"2026-01-01T00:00:00Z"}]}"#

    @Test func aHealthCheckOnTheSameLoopIsAnsweredWhileAListWaitsForTranslation() async throws {
        let upstream = try await ScriptedUpstream.start { _ in
            ScriptedUpstream.Response(fields: [("Content-Type", "application/json")], body: Array(Self.list.utf8))
        }
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        let release = DispatchSemaphore(value: 0)
        pool.submit { _ in release.wait() }
        do {
            try await Self.expectHealthAnsweredFirst(upstream, pool: pool, release: release)
        } catch {
            release.signal()
            try? await upstream.stop()
            throw error
        }
        try await pool.shutdownGracefully()
        try await upstream.stop()
    }

    private static func expectHealthAnsweredFirst(
        _ upstream: ScriptedUpstream,
        pool: NIOThreadPool,
        release: DispatchSemaphore
    ) async throws {
        let translatedOffLoop: (inout GatewayConfiguration) -> Void = {
            $0.upstreamVersion = VersionName("v2")
            $0.offLoopTranslationBytes = 0
        }
        try await withLiveGateway(upstreamURL: upstream.url, translationPool: pool, configure: translatedOffLoop) {
            gateway in
            let waiting = try gateway.client()
            try waiting.send("GET /purchase-orders HTTP/1.1\r\nHost: x\r\nAPI-Version: v1\r\n\r\n")
            try await waitUntil { !upstream.requests.isEmpty }
            // Time for the upstream's answer to arrive: a translation on the loop would answer it at once.
            try await Task.sleep(for: .milliseconds(200))
            let health = try gateway.client().request("GET", "/_versiongate/health")
            #expect(health.status == 200)
            #expect(
                !waiting.hasUnreadBytes,
                "the list was answered while the pool was busy: it was translated on the loop"
            )
            release.signal()
            let translated = try waiting.readResponse()
            #expect(translated.status == 200)
            #expect(translated.text.hasPrefix(#"{"results":[{"#), "\(translated.text)")
        }
    }
}
