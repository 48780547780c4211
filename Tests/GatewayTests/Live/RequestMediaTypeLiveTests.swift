import Gateway
import TestSupport
import Testing
import Versioning

/// Declared changes describe JSON documents: a request body its client declares another media type goes to an
/// upstream of another version byte for byte, never read, even where its bytes would read as JSON of the client's
/// version or would not read as JSON at all.
@Suite("Request media types through a live gateway", .timeLimit(.minutes(1)))
struct RequestMediaTypeLiveTests {
    private static func upstreamSpeaksV2(_ configuration: inout GatewayConfiguration) {
        configuration.upstreamVersion = VersionName("v2")
    }

    @Test(arguments: ["text/csv", "image/png", "multipart/form-data; boundary=x", "text/plain"])
    func aBodyOfAnotherMediaTypeGoesUpstreamUntouched(contentType: String) async throws {
        try await withLiveGateway(configure: Self.upstreamSpeaksV2) { gateway in
            // A backslash and a quoted "created": not JSON, and a name a change of every path looks for.
            let row = Array("C:\\temp,\"created\",1767225600\n".utf8)
            let body = Array([[UInt8]](repeating: row, count: 5_000).joined()) + [0x00, 0xFF, 0x5C]
            let response = try gateway.client().request(
                "POST",
                "/echo/upload?summary",
                headers: [("API-Version", "v1"), ("Content-Type", contentType)],
                body: body
            )
            #expect(response.status == 200)
            #expect(response.header("X-Echo-Body-Length") == "\(body.count)")
            #expect(response.header("X-Echo-Body-Digest") == EchoUpstream.digest(body))
        }
    }

    /// The same bytes that read as JSON of v1 are translated when declared JSON (or not declared), and left as they
    /// are when declared another type.
    @Test(arguments: [("application/json", true), (nil, true), ("text/plain", false)])
    func bytesThatReadAsJSONAreTranslatedOnlyWhenDeclaredJSON(contentType: String?, translated: Bool) async throws {
        try await withLiveGateway(configure: Self.upstreamSpeaksV2) { gateway in
            let v1 = Array(#"{"created":1767225600}"#.utf8)
            let v2 = Array(#"{"created_at":"2026-01-01T00:00:00Z"}"#.utf8)
            let response = try gateway.client().request(
                "POST",
                "/echo/note?summary",
                headers: [("API-Version", "v1")] + (contentType.map { [("Content-Type", $0)] } ?? []),
                body: v1
            )
            #expect(response.status == 200)
            #expect(response.header("X-Echo-Body-Digest") == EchoUpstream.digest(translated ? v2 : v1))
        }
    }
}
