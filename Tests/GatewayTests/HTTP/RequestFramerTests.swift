import Gateway
import TestSupport
import Testing

/// Frames `text` completely: every event until the framer needs more data or fails.
func frame(_ text: String, limits: RequestFramer.Limits = .init()) throws(HTTPParseError) -> [RequestFramer.Event] {
    var framer = RequestFramer(limits: limits)
    var input = InputBuffer(Array(text.utf8))
    var events: [RequestFramer.Event] = []
    while true {
        let event = try framer.next(&input)
        if event == .needMoreData { return events }
        events.append(event)
    }
}

func frameError(_ text: String, limits: RequestFramer.Limits = .init()) -> HTTPParseError? {
    do {
        _ = try frame(text, limits: limits)
        return nil
    } catch {
        return error
    }
}

@Suite struct RequestFramerTests {
    @Test func simpleGetHasAnEmptyBody() throws {
        let events = try frame("GET /orders?limit=2 HTTP/1.1\r\nHost: api\r\nAPI-Version: v1\r\n\r\n")
        #expect(
            events == [
                .head(
                    RequestHead(
                        method: "GET",
                        target: "/orders?limit=2",
                        headers: [HTTPField("Host", "api"), HTTPField("API-Version", "v1")]
                    ),
                    .none
                ),
                .body([]),
            ]
        )
    }

    @Test func fieldValuesLoseSurroundingWhitespaceOnly() throws {
        let events = try frame("GET / HTTP/1.1\r\nHost: api\r\nX-A: \t two  words \t\r\n\r\n")
        guard case .head(let head, _) = events.first else {
            Issue.record("no head")
            return
        }
        #expect(head.headers.first("x-a") == "two  words")
    }

    @Test func contentLengthBodyIsDelivered() throws {
        let events = try frame("POST /o HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello")
        #expect(events.last == .body(Array("hello".utf8)))
    }

    @Test func identicalRepeatedContentLengthsAreAccepted() throws {
        let events = try frame("POST /o HTTP/1.1\r\nHost: a\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok")
        #expect(events.last == .body(Array("ok".utf8)))
    }

    @Test func chunkedBodyIsDecodedWithExtensionsAndTrailers() throws {
        let events = try frame(
            "POST /o HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;ext=1\r\nWiki\r\nA \r\npedia in c\r\n0\r\nX-Checksum: abc\r\n\r\n"
        )
        #expect(events.last == .body(Array("Wikipedia in c".utf8)))
    }

    @Test func pipelinedRequestsAreFramedInTurn() throws {
        let events = try frame(
            "GET /a HTTP/1.1\r\nHost: a\r\n\r\nPOST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nxGET /c HTTP/1.1\r\nHost: a\r\n\r\n"
        )
        let targets = events.compactMap { event -> String? in
            if case .head(let head, _) = event { return head.target }
            return nil
        }
        #expect(targets == ["/a", "/b", "/c"])
        #expect(events[3] == .body([UInt8(ascii: "x")]))
    }

    @Test func bytesArrivingOneAtATimeFrameTheSame() throws {
        let text = "POST /o HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
        var framer = RequestFramer()
        var input = InputBuffer()
        var events: [RequestFramer.Event] = []
        for byte in text.utf8 {
            input.append([byte])
            while case let event = try framer.next(&input), event != .needMoreData { events.append(event) }
        }
        #expect(events == (try frame(text)))
    }

    @Test func leadingEmptyLinesAreIgnored() throws {
        let events = try frame("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(events.count == 2)
    }

    @Test func absoluteFormIsReducedToOriginForm() throws {
        let events = try frame("GET http://api.example/orders?x=1 HTTP/1.1\r\nHost: api.example\r\n\r\n")
        guard case .head(let head, _) = events.first else {
            Issue.record("no head")
            return
        }
        #expect(head.target == "/orders?x=1")
    }

    /// RFC 9112 §3.2.2: the target's authority is the host; the Host field sent beside it is ignored.
    @Test func anAbsoluteFormTargetsAuthorityReplacesHost() throws {
        let events = try frame("GET http://api.example:8443 HTTP/1.1\r\nHost: other.example\r\n\r\n")
        guard case .head(let head, _) = events.first else {
            Issue.record("no head")
            return
        }
        #expect(head.target == "/")
        #expect(head.headers.values("host") == ["api.example:8443"])
    }

    @Test(arguments: [
        ("GET /orders#frag HTTP/1.1\r\nHost: a\r\n\r\n", HTTPParseError.invalidTarget),
        ("GET http://user@api.example/ HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
        ("GET http://api.example:99999/ HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
        ("GET http://api.example:80a/ HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
        ("GET http://api.example:/ HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
        ("GET http://[::1/ HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
        ("GET http://api\"example/ HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
        ("TRACE / HTTP/1.1\r\nHost: a\r\n\r\n", .unsupportedMethod("TRACE")),
    ])
    func fragmentsUserinfoBadAuthoritiesAndTraceAreRefused(request: String, error: HTTPParseError) {
        #expect(throws: error) { try frame(request) }
    }

    @Test func http10NeedsNoHost() throws {
        let events = try frame("GET / HTTP/1.0\r\n\r\n")
        guard case .head(let head, _) = events.first else {
            Issue.record("no head")
            return
        }
        #expect(head.minorVersion == 0)
        #expect(!head.wantsKeepAlive)
    }

    @Test(
        arguments: [
            (
                "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
                HTTPParseError.contentLengthWithTransferEncoding
            ),
            (
                "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
                .contentLengthWithTransferEncoding
            ),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", .invalidContentLength),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", .invalidContentLength),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n", .invalidContentLength),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \r\n\r\n", .invalidContentLength),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", .chunkedNotFinal),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n", .chunkedNotFinal),
            (
                "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
                .unsupportedTransferCoding("gzip, chunked")
            ),
            ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", .transferEncodingInHTTP10),
            ("GET / HTTP/1.1\r\nHost: a\r\nX-Folded: one\r\n two\r\n\r\n", .obsoleteLineFolding),
            ("GET / HTTP/1.1\r\nHost: a\r\nBad Name: v\r\n\r\n", .invalidHeaderName),
            ("GET / HTTP/1.1\r\nHost: a\r\nName : v\r\n\r\n", .invalidHeaderName),
            ("GET / HTTP/1.1\r\nHost: a\r\n: v\r\n\r\n", .invalidHeaderName),
            ("GET / HTTP/1.1\r\nHost: a\r\nNo-Colon\r\n\r\n", .invalidHeaderName),
            ("GET / HTTP/1.1\r\nHost: a\r\nX: a\u{0}b\r\n\r\n", .invalidHeaderValue(name: "X")),
            ("GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n", .invalidHeaderValue(name: "X")),
            ("GET / HTTP/1.1\nHost: a\n\n", .bareLineFeed),
            ("GET / HTTP/1.1\r\nHost: a\n\r\n", .bareLineFeed),
            ("GET / HTTP/1.1\r\n\r\n", .missingHost),
            ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .multipleHosts),
            ("POST / HTTP/1.1\r\nHost: a\r\nContent-Type: a/b\r\ncontent-type: c/d\r\n\r\n", .multipleContentTypes),
            ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", .unsupportedVersion("HTTP/2.0")),
            ("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", .malformedRequestLine),
            ("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", .malformedRequestLine),
            ("GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", .malformedRequestLine),
            ("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", .invalidMethod),
            ("GET orders HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
            ("GET * HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
            ("GET /caf\u{e9} HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget),
            ("CONNECT api:443 HTTP/1.1\r\nHost: api:443\r\n\r\n", .unsupportedMethod("CONNECT")),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nZ\r\n", .invalidChunk),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", .invalidChunk),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", .invalidChunk),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3 x\r\nabc\r\n", .invalidChunk),
            ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\n", .invalidChunk),
            (
                "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nBad Trailer\r\n\r\n",
                .invalidHeaderName
            ),
        ] as [(RawText, HTTPParseError)]
    )
    func malformedFramingIsRejected(request: RawText, error: HTTPParseError) {
        #expect(frameError(request.text) == error, "\(request.escaped)")
    }

    @Test func oversizedHeadIsRejectedEvenBeforeItEnds() {
        let limits = RequestFramer.Limits(maxHeadBytes: 64)
        #expect(frameError("GET /" + String(repeating: "a", count: 100), limits: limits) == .headTooLarge(limit: 64))
        #expect(
            frameError("GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "b", count: 60))\r\n\r\n", limits: limits)
                == .headTooLarge(limit: 64)
        )
    }

    @Test func tooManyFieldsAreRejected() {
        let fields = (0..<5).map { "X-\($0): v\r\n" }.joined()
        #expect(
            frameError("GET / HTTP/1.1\r\nHost: a\r\n\(fields)\r\n", limits: .init(maxHeaderFields: 4))
                == .tooManyHeaderFields(limit: 4)
        )
    }

    @Test func bodyOverTheLimitIsRejectedAfterItsHead() throws {
        let limits = RequestFramer.Limits(maxBodyBytes: 4)
        var framer = RequestFramer(limits: limits)
        var input = InputBuffer(Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n".utf8))
        guard case .head = try framer.next(&input) else {
            Issue.record("expected the head first")
            return
        }
        #expect(throws: HTTPParseError.bodyTooLarge(limit: 4)) { try framer.next(&input) }
        let chunked = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
        #expect(frameError(chunked, limits: limits) == .bodyTooLarge(limit: 4))
    }

    @Test func errorsMapToTheirStatuses() {
        #expect(HTTPParseError.bodyTooLarge(limit: 1).status == 413)
        #expect(HTTPParseError.headTooLarge(limit: 1).status == 431)
        #expect(HTTPParseError.unsupportedVersion("HTTP/2.0").status == 505)
        #expect(HTTPParseError.unsupportedTransferCoding("gzip").status == 501)
        #expect(HTTPParseError.contentLengthWithTransferEncoding.status == 400)
    }
}
