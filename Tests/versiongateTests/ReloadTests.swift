import Foundation
import TestSupport
import Testing

/// SIGHUP reloads the manifests without dropping a connection; a bad reload keeps what is in service.
@Suite struct ReloadTests {
    private static let v1 = "version: v1\nstatus: current\nreleased: 2025-01-01\nsuccessor: v2\n"

    private func v2(preview: String) -> String {
        "version: v2\nstatus: draft\nprevious: v1\npreview: \(preview)\n"
    }

    @Test func aGoodReloadTakesEffectAndABadOneIsRefused() async throws {
        let upstream = try await EchoUpstream.start()
        let versions = try TemporaryVersions(manifests: ["v1.yaml": Self.v1, "v2.yaml": self.v2(preview: "open")])
        defer { versions.remove() }
        let gateway = try RunningVersiongate(
            ["serve", "--port", "0", "--upstream", upstream.url, "--versions", versions.versions])
        let client = try RawHTTPClient(port: gateway.port)
        #expect(try client.request("GET", "/echo/a", headers: [("API-Version", "v2")]).status == 200)

        try versions.write("v2.yaml", self.v2(preview: "[acme]"))
        gateway.signal(SIGHUP)
        #expect(try gateway.waitForLine { $0.contains("reloaded versions") } != nil)
        // The same connection, kept across the reload, now meets the new preview list.
        #expect(try client.request("GET", "/echo/b", headers: [("API-Version", "v2")]).status == 403)
        #expect(
            try client.request("GET", "/echo/c", headers: [("API-Version", "v2"), ("X-Client-ID", "acme")]).status
                == 200
        )

        try versions.write("v2.yaml", "version: v2\nstatus: sideways\n")
        gateway.signal(SIGHUP)
        #expect(try gateway.waitForLine { $0.contains("reload refused") } != nil)
        #expect(
            try client.request("GET", "/echo/d", headers: [("API-Version", "v2"), ("X-Client-ID", "acme")]).status
                == 200
        )

        #expect(gateway.stop() == 0)
        try await upstream.stop()
    }
}
