import TestSupport
import Testing

@Suite("Proxy hygiene through a live gateway")
struct HygieneLiveTests {
    @Test func hopByHopRequestFieldsAreNotForwarded() async throws {
        try await withLiveGateway { gateway in
            let response = try gateway.client().request(
                "GET",
                "/echo/h",
                headers: [
                    ("Connection", "keep-alive, X-Client-Private"), ("X-Client-Private", "secret"),
                    ("Keep-Alive", "timeout=5"), ("Proxy-Authorization", "Basic x"), ("TE", "trailers"),
                    ("Upgrade", "h2c"), ("X-End-To-End", "kept"),
                ]
            )
            let names = Set((response.header("X-Echo-Header-Names") ?? "").lowercased().split(separator: ","))
            for dropped in ["connection", "x-client-private", "keep-alive", "proxy-authorization", "te", "upgrade"] {
                #expect(!names.contains(Substring(dropped)), "\(dropped) was forwarded")
            }
            #expect(names.contains("x-end-to-end"))
        }
    }

    @Test func requestsCarryViaAndResponsesCarryDate() async throws {
        try await withLiveGateway { gateway in
            let response = try gateway.client().request("GET", "/echo/d", headers: [("X-Echo-Fields", "yes")])
            #expect(response.header("X-Echo-Via") == "1.1 versiongate")
            #expect(response.count(of: "Date") == 1)
            let date = try #require(response.header("Date"))
            #expect(date.hasSuffix(" GMT") && date.count == 29, "\(date) is no IMF-fixdate")
            let problem = try gateway.client().request("GET", "/_versiongate/nope")
            #expect(problem.count(of: "Date") == 1)
        }
    }

    @Test func hopByHopResponseFieldsAreNotReturned() async throws {
        try await withLiveGateway { gateway in
            let response = try gateway.client().request("GET", "/hop-by-hop")
            #expect(response.status == 200)
            for dropped in ["X-Conn-Private", "Keep-Alive", "Proxy-Authenticate", "Upgrade"] {
                #expect(response.header(dropped) == nil, "\(dropped) was returned")
            }
            #expect(response.header("Connection") == nil)
            #expect(response.header("X-End-To-End") == "kept")
            #expect(response.text == "ok")
        }
    }

    @Test func clientAddressTravelsInForwardingFields() async throws {
        try await withLiveGateway { gateway in
            let response = try gateway.client().request(
                "GET",
                "/echo/f",
                headers: [("X-Echo-Fields", "yes"), ("X-Forwarded-For", "203.0.113.7")]
            )
            #expect(response.header("X-Echo-X-Forwarded-For") == "203.0.113.7, 127.0.0.1")
            #expect(response.header("X-Echo-Forwarded") == "for=127.0.0.1;host=gateway.test;proto=http")
            // Forwarded carries the original host and protocol; no X-Forwarded-Host or -Proto duplicates them.
            #expect(response.header("X-Echo-X-Forwarded-Host") == nil)
            #expect(response.header("X-Echo-API-Version") == "v1")
        }
    }

    @Test func contentLengthWithTransferEncodingIsRefusedAndTheConnectionClosed() async throws {
        try await withLiveGateway { gateway in
            let client = try gateway.client()
            try client.send(
                "POST /echo/smuggle HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "0\r\n\r\nGET /echo/hidden HTTP/1.1\r\nHost: t\r\n\r\n"
            )
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.header("Connection") == "close")
            #expect(try client.serverClosed())
            #expect(gateway.upstream.requestsReceived == 0)
        }
    }
}

/// What libcurl lets through from an upstream and the gateway must not: a bare CR inside a field (response
/// splitting for whatever sits in front), lengths that disagree (where does the body end?), both framings at once,
/// a space before a field's colon (clients read `Transfer-Encoding : chunked` differently, RFC 9112 §5.1), a
/// length with a space inside it.
/// Each is a `502` problem to the client, whether the response would have been relayed or translated.
@Suite(.timeLimit(.minutes(1))) struct UpstreamFramingLiveTests {
    @Test(arguments: [
        "HTTP/1.1 200 OK\r\nX-Bad: a\rInjected: yes\r\nContent-Length: 2\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\n{}bye",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nDate : Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Length: 2\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding : chunked\r\n\r\n{}",
        // curl reads the first number and stops; passed on, a client would read 22 and wait for bytes never sent.
        "HTTP/1.1 200 OK\r\nContent-Length: 2 2\r\n\r\n{}",
    ])
    func aMalformedUpstreamResponseIs502(_ response: String) async throws {
        let upstream = try RawUpstream(answering: response)
        defer { upstream.stop() }
        try await withLiveGateway(upstreamURL: upstream.url) { gateway in
            for headers in [[], [("API-Version", "v1")]] {
                let answer = try gateway.client().request("GET", "/work-orders", headers: headers)
                #expect(answer.status == 502, "\(headers): \(answer.text)")
                #expect(answer.header("Content-Type") == "application/problem+json")
                #expect(answer.header("Injected") == nil)
            }
        }
    }
}
