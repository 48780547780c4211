import Foundation
import TestSupport
import Testing

/// A deprecation schedule rehearsed end to end with `VERSIONGATE_NOW`: the real binary, the sample API, a real client.
@Suite struct LifecycleScheduleTests {
    private static let manifests = [
        "v1.yaml": """
        version: v1
        status: deprecated
        released: 2025-01-01
        deprecated: 2026-03-01
        sunset: 2027-03-01
        successor: v2
        brownouts:
          - {start: 2026-12-01T09:00:00Z, end: 2026-12-01T10:00:00Z}
        """,
        "v2.yaml": "version: v2\nstatus: current\nreleased: 2026-01-01\nprevious: v1\n",
    ]

    private func request(at now: String) throws -> RawResponse {
        let versions = try TemporaryVersions(manifests: Self.manifests)
        defer { versions.remove() }
        let demo = try RunningVersiongate(
            ["demo", "--port", "0", "--upstream-port", "0", "--versions", versions.versions],
            environment: ["VERSIONGATE_NOW": now]
        )
        defer { _ = demo.stop() }
        return try RawHTTPClient(port: demo.port).request("GET", "/suppliers/sup_1", headers: [("API-Version", "v1")])
    }

    @Test func beforeDeprecationTheVersionIsServedPlainly() throws {
        let response = try self.request(at: "2026-02-28T23:59:59Z")
        #expect(response.status == 200)
        #expect(response.header("API-Version") == "v1")
        #expect(response.header("Deprecation") == nil)
    }

    @Test func duringTheWindowResponsesAnnounceTheDeprecation() throws {
        let response = try self.request(at: "2026-06-01T12:00:00Z")
        #expect(response.status == 200)
        #expect(response.header("Deprecation") == "@1772323200")
        #expect(response.header("Sunset") == "Mon, 01 Mar 2027 00:00:00 GMT")
        #expect(response.count(of: "Link") == 2)
        #expect(
            response.header("Link") == "</_versiongate/guides/v1-to-v2>; rel=\"deprecation\"; type=\"text/markdown\""
        )
    }

    @Test func insideABrownoutTheVersionAnswers410() throws {
        let response = try self.request(at: "2026-12-01T09:30:00Z")
        #expect(response.status == 410)
        #expect(response.text.contains("version-brownout"))
    }

    @Test func afterTheSunsetTheVersionIsGoneAndNamesItsSuccessor() throws {
        let response = try self.request(at: "2027-03-01T00:00:01Z")
        #expect(response.status == 410)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.text.contains("\"successor_version\":\"v2\""))
    }
}
