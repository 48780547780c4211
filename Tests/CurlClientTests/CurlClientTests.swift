import CurlClient
import TestSupport
import Testing

/// A hang (a completion never told) fails the suite rather than the run.
@Suite(.timeLimit(.minutes(1))) struct CurlClientTests {
    @Test func getReturnsStatusHeadersAndBody() async throws {
        try await withCurlClient { client, _ in
            let response = try await client.execute(request("GET", "/bytes/100")).get()
            #expect(response.status == 200)
            #expect(response.reason == "OK")
            #expect(response.body == EchoUpstream.pattern(count: 100))
            #expect(response.headers.contains { $0.name.lowercased() == "content-length" && $0.value == "100" })
        }
    }

    @Test func bodiesAreSentWithTheirMethodAndTheClientsHeadersOnly() async throws {
        try await withCurlClient { client, _ in
            let body = Array("{\"a\":1}".utf8)
            let response = try await client.execute(
                request("PATCH", "/echo/x?y=1", body: body, headers: [("X-Trace", "abc")])
            ).get()
            let fields = Dictionary(
                response.headers.map { ($0.name.lowercased(), $0.value) },
                uniquingKeysWith: { a, _ in a }
            )
            #expect(fields["x-echo-method"] == "PATCH")
            #expect(fields["x-echo-target"] == "/echo/x?y=1")
            #expect(response.body == body)
            // curl would add Accept, Expect and a form Content-Type of its own; none of them may reach the upstream.
            #expect(fields["x-echo-header-names"] == "Host,X-Trace,Content-Length")
        }
    }

    @Test func theBasePathPrefixesEveryTarget() async throws {
        try await withCurlClient(upstreamURL: nil) { _, upstream in
            let harness = try CurlClientHarness(
                configuration: .init(upstream: try UpstreamURL(upstream.url + "/echo/base/"))
            )
            defer { harness.stop() }
            let response = try await harness.execute(request("GET", "/orders")).get()
            #expect(response.headers.first { $0.name.lowercased() == "x-echo-target" }?.value == "/echo/base/orders")
        }
    }

    @Test func headReturnsHeadersWithoutWaitingForABody() async throws {
        try await withCurlClient { client, _ in
            let response = try await client.execute(request("HEAD", "/bytes/5000")).get()
            #expect(response.status == 200)
            #expect(response.body.isEmpty)
        }
    }

    @Test func connectionsAreReusedAcrossTransfers() async throws {
        try await withCurlClient { client, upstream in
            for index in 0..<10 {
                let response = try await client.execute(request("GET", "/echo/\(index)")).get()
                #expect(response.status == 200)
            }
            #expect(upstream.acceptedConnections == 1)
        }
    }

    @Test func anIdleConnectionTheUpstreamClosedIsReplaced() async throws {
        try await withCurlClient { client, upstream in
            let first = try await client.execute(request("GET", "/drop-after")).get()
            #expect(first.body == Array("bye!".utf8))
            for _ in 0..<500 where upstream.closedConnections == 0 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(upstream.closedConnections == 1)
            for index in 0..<3 {
                let response = try await client.execute(request("GET", "/echo/\(index)")).get()
                #expect(response.status == 200)
            }
            #expect(upstream.acceptedConnections == 2)
        }
    }

    @Test func aRefusedConnectionIsUnreachable() async throws {
        try await withCurlClient(upstreamURL: "http://127.0.0.1:1") { client, _ in
            let result = await client.execute(request("GET", "/"))
            #expect(throws: CurlClientError.self) { try result.get() }
            if case .failure(let error) = result { #expect(error.kind == .unreachable) }
        }
    }

    @Test func aSlowUpstreamTimesOut() async throws {
        let configure: (inout CurlClient.Configuration) -> Void = { $0.totalTimeoutMilliseconds = 150 }
        try await withCurlClient(configure: configure) { client, _ in
            let result = await client.execute(request("GET", "/delay/3000"))
            if case .failure(let error) = result {
                #expect(error.kind == .timedOut)
            } else {
                Issue.record("no timeout")
            }
        }
    }

    /// A body the gateway will read whole is held to the request's lower limit; the next transfer on the same handle
    /// has the client's again.
    @Test func aRequestsLowerLimitHoldsForItsTransferOnly() async throws {
        try await withCurlClient { client, _ in
            var limited = request("GET", "/bytes/5000")
            limited.maxResponseBodyBytes = 1000
            let result = await client.execute(limited)
            if case .failure(let error) = result {
                #expect(error.kind == .responseTooLarge)
            } else {
                Issue.record("5000 bytes passed a limit of 1000")
            }
            let next = try await client.execute(request("GET", "/bytes/5000")).get()
            #expect(next.body.count == 5000)
        }
    }

    /// Heads that must not be forwarded: a bare CR would split the head for whatever reads it next (RFC 9112 §2.2),
    /// two lengths leave the body's end unknown (§6.3), and a transfer coding the gateway never asked for (it sends
    /// no `TE`, §6.1) would be decoded by curl past every limit.
    @Test(arguments: [
        ("X-Bad: a\rInjected: yes\r\nContent-Length: 2\r\n\r\nok", "control character"),
        ("Content-Length: 2\r\nContent-Length: 5\r\n\r\nokbye", "conflicting Content-Length"),
        ("Content-Length: 2, 5\r\n\r\nokbye", "conflicting Content-Length"),
        ("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", "both Content-Length"),
        ("Transfer-Encoding: gzip, chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n", "transfer coding 'gzip'"),
    ])
    func aMalformedHeadIsRefused(head: String, reason: String) async throws {
        let upstream = try RawUpstream(answering: "HTTP/1.1 200 OK\r\n" + head)
        defer { upstream.stop() }
        try await withCurlClient(upstreamURL: upstream.url) { client, _ in
            let result = await client.execute(request("GET", "/"))
            if case .failure(let error) = result {
                #expect(error.kind == .protocolError)
                #expect(error.message.contains(reason), "\(error.message)")
            } else {
                Issue.record("accepted: \(head)")
            }
        }
    }

    @Test func aRepeatedEqualContentLengthIsOneLength() async throws {
        let upstream = try RawUpstream(
            answering: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2, 2\r\n\r\nok"
        )
        defer { upstream.stop() }
        try await withCurlClient(upstreamURL: upstream.url) { client, _ in
            let response = try await client.execute(request("GET", "/")).get()
            #expect(response.body == Array("ok".utf8))
        }
    }

    @Test func anOversizedResponseIsRefused() async throws {
        let configure: (inout CurlClient.Configuration) -> Void = { $0.maxResponseBodyBytes = 1000 }
        try await withCurlClient(configure: configure) { client, _ in
            let result = await client.execute(request("GET", "/bytes/5000"))
            if case .failure(let error) = result {
                #expect(error.kind == .responseTooLarge)
            } else {
                Issue.record("accepted")
            }
            let next = try await client.execute(request("GET", "/bytes/10")).get()
            #expect(next.body.count == 10)
        }
    }

    @Test func aCancelledTransferIsNeverReportedAndItsHandleServesTheNext() async throws {
        try await withCurlClient { client, _ in
            let cancelled = await client.startAndCancel(request("GET", "/delay/100"))
            let active = await client.activeTransfers
            #expect(active == 0)
            // Outlasts the cancelled transfer's delay, so that a late report would have arrived by now.
            let later = try await client.execute(request("GET", "/delay/300")).get()
            #expect(later.status == 200)
            #expect(!cancelled.wasTold)
        }
    }

    @Test func shutdownFailsTheTransfersInProgress() async throws {
        try await withCurlClient { client, _ in
            let result = await client.shutdownDuring(request("GET", "/delay/2000"))
            if case .failure(let error) = result { #expect(error.kind == .shutDown) } else { Issue.record("completed") }
        }
    }
}

@Suite struct UpstreamURLTests {
    @Test func splitsOriginAndBasePath() throws {
        let url = try UpstreamURL("http://api.internal:8080/base/v/")
        #expect(url.origin == "http://api.internal:8080")
        #expect(url.basePath == "/base/v")
    }

    @Test(arguments: [
        "ftp://x", "http://", "http://user:pw@host", "http://host/a?b", "http://host/a b", "localhost:9001",
    ])
    func refusesWhatIsNotAPlainHTTPBase(text: String) {
        #expect(throws: UpstreamURL.ParseError.self) { try UpstreamURL(text) }
    }
}
