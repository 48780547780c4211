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

    @Test func aReloadWithoutTheVersionTheUpstreamSpeaksIsRefused() async throws {
        let upstream = try await EchoUpstream.start()
        let versions = try TemporaryVersions(manifests: ["v1.yaml": Self.v1, "v2.yaml": self.v2(preview: "open")])
        defer { versions.remove() }
        let gateway = try RunningVersiongate(
            ["serve", "--port", "0", "--upstream", upstream.url, "--versions", versions.versions])
        try FileManager.default.removeItem(atPath: versions.versions + "/v1.yaml")
        try versions.write("v2.yaml", "version: v2\nstatus: current\nreleased: 2026-01-01\n")
        gateway.signal(SIGHUP)
        let refusal = try gateway.waitForLine { $0.contains("reload refused") }
        #expect(
            refusal?.hasSuffix(
                "reload refused, keeping the versions in service: the new versions lack v1, the "
                    + "version the upstream speaks"
            ) == true,
            "\(refusal ?? "")"
        )
        let response = try RawHTTPClient(port: gateway.port).request(
            "GET",
            "/echo/a",
            headers: [("X-Echo-Fields", "yes")]
        )
        #expect(response.header("X-Echo-API-Version") == "v1")
        #expect(gateway.stop() == 0)
        try await upstream.stop()
    }
}
