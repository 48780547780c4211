import Gateway
import Testing

@Suite struct ProxyHygieneTests {
    private func forwarded(
        _ fields: [HTTPField],
        client: String = "10.0.0.7",
        via: String? = "1.1 versiongate"
    ) -> [String] {
        let head = RequestHead(method: "GET", target: "/", headers: fields)
        var address = ClientAddress(client)
        return ProxyHygiene.upstreamHeaders(
            for: head,
            client: &address,
            versionHeader: "API-Version",
            canonicalVersionHeader: "api-version",
            upstreamVersion: "v2",
            via: via
        ).map { "\($0.name): \($0.value)" }
    }

    @Test func hopByHopFieldsAndThoseConnectionNamesAreDropped() {
        let result = self.forwarded([
            HTTPField("Host", "api"), HTTPField("Connection", "keep-alive, X-Private"), HTTPField("X-Private", "1"),
            HTTPField("Keep-Alive", "timeout=5"), HTTPField("Proxy-Authorization", "Basic x"),
            HTTPField("TE", "trailers"),
            HTTPField("Trailer", "X"), HTTPField("Upgrade", "h2c"), HTTPField("Accept", "application/json"),
        ])
        #expect(
            result == [
                "Accept: application/json", "API-Version: v2", "X-Forwarded-For: 10.0.0.7",
                "Forwarded: for=10.0.0.7;host=api;proto=http", "Via: 1.1 versiongate",
            ]
        )
    }

    @Test func framingFieldsAreLeftToCurl() {
        let result = self.forwarded([
            HTTPField("Host", "api"), HTTPField("Content-Length", "3"), HTTPField("Expect", "100-continue"),
        ])
        #expect(!result.contains { $0.hasPrefix("Content-Length") || $0.hasPrefix("Expect") || $0.hasPrefix("Host") })
    }

    @Test func theClientsVersionHeaderIsReplacedByTheUpstreams() {
        let result = self.forwarded([HTTPField("Host", "api"), HTTPField("api-version", "v1")])
        #expect(result.filter { $0.lowercased().hasPrefix("api-version") } == ["API-Version: v2"])
    }

    @Test func forwardingChainsAreExtended() {
        let result = self.forwarded([
            HTTPField("Host", "api"), HTTPField("X-Forwarded-For", "203.0.113.1"),
            HTTPField("Forwarded", "for=203.0.113.1"),
        ])
        #expect(result.contains("X-Forwarded-For: 203.0.113.1, 10.0.0.7"))
        #expect(result.contains("Forwarded: for=203.0.113.1, for=10.0.0.7;host=api;proto=http"))
    }

    @Test func aViaFieldJoinsTheClientsOwnAndCanBeLeftOut() {
        let chained = self.forwarded([HTTPField("Host", "api"), HTTPField("Via", "1.1 edge")])
        #expect(chained.filter { $0.hasPrefix("Via") } == ["Via: 1.1 edge", "Via: 1.1 versiongate"])
        let without = self.forwarded([HTTPField("Host", "api")], via: nil)
        #expect(!without.contains { $0.hasPrefix("Via") })
    }

    @Test func ipv6ClientsAndUnusualHostsAreQuotedInForwarded() {
        let result = self.forwarded([HTTPField("Host", "[::1]:8080")], client: "::1")
        #expect(result.contains("Forwarded: for=\"[::1]\";host=\"[::1]:8080\";proto=http"))
    }

    @Test func responseBlockLosesHopByHopFieldsAndTheFramingOnes() {
        let block = Array(
            ("Content-Type: application/json\r\nConnection: keep-alive, X-Hop\r\nX-Hop: 1\r\nKeep-Alive: timeout=5\r\n"
                + "Transfer-Encoding: chunked\r\nProxy-Authenticate: Basic\r\nContent-Length: 10\r\nAPI-Version: v2\r\n"
                + "ETag: \"abc\"\r\n").utf8
        )
        var carriesDate = true
        let kept = ProxyHygiene.clientHeaderBlock(
            from: block,
            keepContentLength: false,
            canonicalVersionHeader: "api-version",
            carriesDate: &carriesDate
        )
        #expect(!carriesDate)
        #expect(String(decoding: kept, as: UTF8.self) == "Content-Type: application/json\r\nETag: \"abc\"\r\n")
    }

    /// RFC 9110 §6.6.1: a recipient may replace an invalid `Date`; the gateway drops it and gives its own, and
    /// keeps only the first of two.
    @Test(arguments: [
        ("Date: bogus\r\n", ""),
        ("Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n", "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"),
        (
            "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\nDate: Mon, 07 Nov 1994 08:49:37 GMT\r\n",
            "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
        ),
    ])
    func onlyAValidDateIsKept(_ block: String, _ expected: String) {
        var carriesDate = false
        let kept = ProxyHygiene.clientHeaderBlock(
            from: Array(block.utf8),
            keepContentLength: false,
            canonicalVersionHeader: "api-version",
            carriesDate: &carriesDate
        )
        #expect(String(decoding: kept, as: UTF8.self) == expected)
        #expect(carriesDate == !expected.isEmpty)
    }

    @Test func headResponsesKeepTheirContentLength() {
        let block = Array("Content-Length: 1234\r\n".utf8)
        var carriesDate = false
        let kept = ProxyHygiene.clientHeaderBlock(
            from: block,
            keepContentLength: true,
            canonicalVersionHeader: "api-version",
            carriesDate: &carriesDate
        )
        #expect(kept == block)
    }

    @Test func theForwardedElementFollowsTheHostOfEachRequest() {
        var client = ClientAddress("10.0.0.7")
        #expect(client.forwardedElement(host: "a") == "for=10.0.0.7;host=a;proto=http")
        #expect(client.forwardedElement(host: "b") == "for=10.0.0.7;host=b;proto=http")
        #expect(client.forwardedElement(host: nil) == "for=10.0.0.7;proto=http")
        #expect(client.forwardedElement(host: "a") == "for=10.0.0.7;host=a;proto=http")
    }

    @Test func anUpstreamDateIsKeptAndReported() {
        var carriesDate = false
        let block = Array("date: Sun, 29 Nov 2026 21:21:44 GMT\r\n".utf8)
        let kept = ProxyHygiene.clientHeaderBlock(
            from: block,
            keepContentLength: false,
            canonicalVersionHeader: "api-version",
            carriesDate: &carriesDate
        )
        #expect(kept == block)
        #expect(carriesDate)
    }
}
