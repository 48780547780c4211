import TestSupport
import Testing

@Suite("Forwarding through a live gateway")
struct ForwardingTests {
    @Test(arguments: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
    func everyMethodPassesWithItsBody(method: String) async throws {
        try await withLiveGateway { gateway in
            let body = Array("{\"method\":\"\(method)\"}".utf8)
            let response = try gateway.client().request(
                method,
                "/echo/items?x=1",
                headers: [("Content-Type", "application/json")],
                body: body
            )
            #expect(response.status == 200)
            #expect(response.header("X-Echo-Method") == method)
            #expect(response.header("X-Echo-Target") == "/echo/items?x=1")
            #expect(response.body == body)
            #expect(response.header("API-Version") == "v1")
            #expect(response.header("Vary") == "API-Version")
        }
    }

    @Test func headAnswersWithTheUpstreamsHeadersAndNoBody() async throws {
        try await withLiveGateway { gateway in
            let client = try gateway.client()
            let response = try client.request("HEAD", "/bytes/1234")
            #expect(response.status == 200)
            #expect(response.header("Content-Length") == "1234")
            #expect(response.body.isEmpty)
            // The connection is still usable: no stray body bytes were sent after the head.
            #expect(try client.request("GET", "/bytes/3").body == EchoUpstream.pattern(count: 3))
        }
    }

    @Test func pathAndQueryPassByteForByte() async throws {
        try await withLiveGateway { gateway in
            let target = "/echo/a%2Fb/../c;p=1/%7Euser?q=a%20b&q=%26&empty=&flag#"
            let response = try gateway.client().request("GET", target.replacingFragment())
            #expect(response.header("X-Echo-Target") == target.replacingFragment())
        }
    }

    @Test(arguments: [200, 201, 204, 304, 400, 404, 422, 500, 503])
    func upstreamStatusesPassUnchanged(status: Int) async throws {
        try await withLiveGateway { gateway in
            let response = try gateway.client().request("GET", "/status/\(status)")
            #expect(response.status == status)
            if status == 204 || status == 304 {
                #expect(response.body.isEmpty)
                #expect(response.header("Content-Length") == nil)
            } else {
                #expect(response.text == "{\"status\":\(status)}")
            }
        }
    }

    @Test func eightMegabytesPassBothWays() async throws {
        try await withLiveGateway { gateway in
            let size = 8 << 20
            let upload = EchoUpstream.pattern(count: size)
            let client = try gateway.client()
            let echoed = try client.request("POST", "/echo/upload", body: upload)
            #expect(echoed.status == 200)
            #expect(echoed.header("X-Echo-Body-Length") == "\(size)")
            #expect(echoed.body == upload)
            let download = try client.request("GET", "/bytes/\(size)")
            #expect(download.body == EchoUpstream.pattern(count: size))
        }
    }

    @Test func chunkedRequestBodyArrivesWhole() async throws {
        try await withLiveGateway { gateway in
            let client = try gateway.client()
            try client.send(
                "POST /echo/chunked HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"
            )
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "hello world")
            #expect(response.header("X-Echo-Body-Length") == "11")
        }
    }

    @Test func keepAliveReusesClientAndUpstreamConnections() async throws {
        try await withLiveGateway { gateway in
            let client = try gateway.client()
            for index in 0..<20 {
                let response = try client.request("GET", "/echo/\(index)")
                #expect(response.header("X-Echo-Target") == "/echo/\(index)")
            }
            #expect(gateway.upstream.requestsReceived == 20)
            #expect(gateway.upstream.acceptedConnections == 1)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await withLiveGateway { gateway in
            let client = try gateway.client()
            try client.send(
                "GET /delay/50 HTTP/1.1\r\nHost: t\r\n\r\nGET /echo/second HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "POST /echo/third HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nthird"
            )
            #expect(try client.readResponse().text == "delayed")
            #expect(try client.readResponse().header("X-Echo-Target") == "/echo/second")
            #expect(try client.readResponse().text == "third")
        }
    }

    @Test func twoHundredConcurrentRequestsAllSucceed() async throws {
        try await withLiveGateway(threads: 2) { gateway in
            let clients = try (0..<200).map { _ in try gateway.client() }
            for (index, client) in clients.enumerated() {
                try client.send("GET /echo/\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
            }
            for (index, client) in clients.enumerated() {
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.header("X-Echo-Target") == "/echo/\(index)")
            }
            #expect(gateway.upstream.requestsReceived == 200)
        }
    }

    @Test func connectionCloseIsHonoured() async throws {
        try await withLiveGateway { gateway in
            let client = try gateway.client()
            let response = try client.request("GET", "/echo/bye", headers: [("Connection", "close")])
            #expect(response.status == 200)
            #expect(response.header("Connection") == "close")
            #expect(try client.serverClosed())
        }
    }
}

extension String {
    /// A request target cannot carry a fragment; drop the trailing `#`.
    fileprivate func replacingFragment() -> String {
        self.hasSuffix("#") ? String(self.dropLast()) : self
    }
}
