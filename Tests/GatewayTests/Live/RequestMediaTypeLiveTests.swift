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

    /// Never read, such a body is not held either: it goes upstream as it arrives, past the limit for bodies the
    /// gateway reads (1 MB here), while the response is held for translation as usual.
    @Test(arguments: [false, true])
    func aLargeBodyOfAnotherMediaTypeStreamsUpstream(chunked: Bool) async throws {
        let configure = { (configuration: inout GatewayConfiguration) in
            Self.upstreamSpeaksV2(&configuration)
            configuration.limits.maxBodyBytes = 1 << 20
        }
        try await withLiveGateway(configure: configure) { gateway in
            let row = Array("C:\\temp,\"created\",1767225600\n".utf8)
            let body = Array([[UInt8]](repeating: row, count: 20_000_000 / row.count).joined())
            let client = try gateway.client()
            let head = "POST /echo/export?summary HTTP/1.1\r\nHost: x\r\nAPI-Version: v1\r\nContent-Type: text/csv\r\n"
            if chunked {
                try client.send(head + "Transfer-Encoding: chunked\r\n\r\n")
                for part in stride(from: 0, to: body.count, by: 1 << 20) {
                    let piece = body[part..<min(part + (1 << 20), body.count)]
                    try client.send(Array("\(String(piece.count, radix: 16))\r\n".utf8) + piece + Array("\r\n".utf8))
                }
                try client.send("0\r\n\r\n")
            } else {
                try client.send(Array((head + "Content-Length: \(body.count)\r\n\r\n").utf8) + body)
            }
            let response = try client.readResponse()
            #expect(response.status == 200, "\(response.text)")
            #expect(response.header("X-Echo-Body-Length") == "\(body.count)")
            #expect(response.header("X-Echo-Body-Digest") == EchoUpstream.digest(body))
            #expect(response.header("API-Version") == "v1")
        }
    }

    /// However its bytes arrive: one longer than the limit that came whole with its head is not held either, for a
    /// client of either version, nor when the client asks for a preview (which reads no such body).
    @Test(arguments: [
        [("API-Version", "v1")], [("API-Version", "v2")], [("API-Version", "v1"), ("API-Version-Preview", "v2")],
    ])
    func aBodyPastTheLimitThatArrivedWithItsHeadGoesUpstream(fields: [(String, String)]) async throws {
        let configure = { (configuration: inout GatewayConfiguration) in
            Self.upstreamSpeaksV2(&configuration)
            configuration.limits.maxBodyBytes = 1000
        }
        try await withLiveGateway(configure: configure) { gateway in
            let body = Array(repeating: UInt8(ascii: "x"), count: 5000)
            let response = try gateway.client().request(
                "POST",
                "/echo/upload?summary",
                headers: fields + [("Content-Type", "text/csv")],
                body: body
            )
            #expect(response.status == 200, "\(response.text)")
            #expect(response.header("X-Echo-Body-Digest") == EchoUpstream.digest(body))
            // The preview was given: its walk read no body.
            #expect(fields.count == 1 || response.header("API-Version-Preview-Changes") != nil)
        }
    }

    /// An upstream may answer a streamed upload before it reads it (RFC 9112 §9.5): a v1 client gets that answer,
    /// translated, as a v2 client would get it untranslated, then the connection closes with the rest unread. A
    /// gzip-coded answer is translated off the loop, and closes the connection as well.
    @Test(arguments: [false, true])
    func anAnswerBeforeAStreamedUploadIsTranslatedAndEndsTheConnection(coded: Bool) async throws {
        let body = coded ? EchoUpstream.gzippedJSON : Array(EchoUpstream.plainJSON.utf8)
        let head =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n"
            + (coded ? "Content-Encoding: gzip\r\n" : "") + "\r\n"
        let upstream = try RawUpstream(answering: Array(head.utf8) + body, holdingConnections: true)
        defer { upstream.stop() }
        try await withLiveGateway(upstreamURL: upstream.url, configure: Self.upstreamSpeaksV2) { gateway in
            let client = try gateway.client()
            try client.send(
                "POST /imports HTTP/1.1\r\nHost: x\r\nAPI-Version: v1\r\nContent-Type: text/csv\r\n"
                    + "Content-Length: 10000000\r\n\r\n" + String(repeating: "a", count: 100)
            )
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == #"{"id":"po_1","created":1768469400}"#)
            #expect(response.header("Connection") == "close")
            #expect(try client.serverClosed())
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
