import Gateway
import TestSupport
import Testing
import Versioning

/// A large translation runs off the event loop: a 31 MB list used to hold the health endpoint on its loop for
/// more than half a second. Asserted by order, not by time: while a v1 client waits for a 17 MB list (seconds of
/// translating in a debug build), a health check on the same (only) loop is answered, and the list is not.
@Suite(.timeLimit(.minutes(1))) struct OffLoopTranslationLiveTests {
    /// A v2 list of `count` purchase orders, each of which a v1 client sees reshaped (supplier, total, created).
    static func purchaseOrders(_ count: Int) -> [UInt8] {
        var body = Array(#"{"data":["#.utf8)
        body.reserveCapacity(count * 180 + 64)
        for index in 0..<count {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body += Array(
                (#"{"id":"po_\#(index)","number":"PO-\#(index)","supplier_id":"sup_\#(index % 97)","#
                    + #""status":"draft","total":{"amount":"\#(index % 1000).50","currency":"USD"},"#
                    + #""created_at":"2026-01-01T00:00:00Z"}"#).utf8
            )
        }
        body += Array(#"],"meta":{"total":\#(count)}}"#.utf8)
        return body
    }

    @Test func aHealthCheckOnTheSameLoopIsAnsweredWhileALargeListTranslates() async throws {
        let list = Self.purchaseOrders(100_000)
        let upstream = try await ScriptedUpstream.start { _ in
            ScriptedUpstream.Response(fields: [("Content-Type", "application/json")], body: list)
        }
        do {
            try await Self.expectHealthAnsweredFirst(upstream)
        } catch {
            try? await upstream.stop()
            throw error
        }
        try await upstream.stop()
    }

    private static func expectHealthAnsweredFirst(_ upstream: ScriptedUpstream) async throws {
        let speaksV2: (inout GatewayConfiguration) -> Void = { $0.upstreamVersion = VersionName("v2") }
        try await withLiveGateway(upstreamURL: upstream.url, configure: speaksV2) { gateway in
            let waiting = try gateway.client()
            try waiting.send("GET /purchase-orders HTTP/1.1\r\nHost: x\r\nAPI-Version: v1\r\n\r\n")
            try await waitUntil { !upstream.requests.isEmpty }
            // The upstream's 17 MB cross loopback in tens of milliseconds; translating them takes far longer.
            try await Task.sleep(for: .milliseconds(300))
            let health = try gateway.client().request("GET", "/_versiongate/health")
            #expect(health.status == 200)
            #expect(!waiting.hasUnreadBytes, "the list was answered before the health check: it blocked the loop")
            let translated = try waiting.readResponse()
            #expect(translated.status == 200)
            #expect(translated.text.hasPrefix(#"{"results":[{"#), "\(translated.text.prefix(80))")
        }
    }
}
