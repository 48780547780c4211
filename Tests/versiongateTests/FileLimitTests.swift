import Foundation
import TestSupport
import Testing

/// The gateway at its open-files limit: accepting pauses (a loop that retried at once spun at 100% CPU), the
/// operator hears of it once, a request that cannot get an upstream socket is a 503, and the gateway serves again
/// as soon as descriptors are free.
@Suite(.timeLimit(.minutes(1))) struct FileLimitTests {
    @Test func aLoopOutOfDescriptorsPausesAcceptingSaysSoOnceAndRecovers() async throws {
        let upstream = try await ScriptedUpstream.start(answering: ["/ping": "{}"])
        let gateway = try RunningVersiongate(
            [
                "serve", "--port", "0", "--upstream", upstream.url, "--upstream-version", "v1", "--versions",
                repositoryVersions, "--store", "off",
            ],
            openFilesLimit: 48
        )
        #expect(gateway.text.contains("open-files limit 48, soft and hard"))
        var clients = try (0..<80).map { _ in try RawHTTPClient(port: gateway.port) }
        let shortage = try gateway.waitForLine { $0.contains("reached this process's open-files limit (EMFILE)") }
        #expect(shortage != nil, "\(gateway.text)")
        // A connection it did accept needs one more descriptor to reach the upstream: the gateway's shortage is a
        // 503 to retry, not a 502 that blames the upstream.
        let starved = try clients[0].request("GET", "/ping", headers: [("API-Version", "v1")])
        #expect(starved.status == 503, "\(starved.text)")
        #expect(starved.header("Retry-After") == "1")
        #expect(starved.text.contains("out-of-descriptors"))
        clients.removeAll()
        let response = try RawHTTPClient(port: gateway.port).request("GET", "/ping", headers: [("API-Version", "v1")])
        #expect(response.status == 200)
        #expect(gateway.text.components(separatedBy: "open-files limit (EMFILE)").count == 2, "said once")
        #expect(gateway.stop() == 0)
        try await upstream.stop()
    }
}
