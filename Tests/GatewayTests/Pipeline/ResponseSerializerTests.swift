import CurlClient
import Testing
import Versioning

@testable import Gateway

@Suite struct ResponseSerializerTests {
    private func text(_ output: ResponseSerializer.Output) -> String {
        String(decoding: output.head + output.body, as: UTF8.self)
    }

    @Test func smallBodiesTravelWithTheHeadAndCarryTheirLength() {
        let response = GatewayResponse(
            status: 200,
            headers: [HTTPField("API-Version", "v1")],
            headerBlock: Array("ETag: x\r\n".utf8),
            body: Array("hello".utf8)
        )
        let output = ResponseSerializer.serialize(response, headOnly: false, keepAlive: true)
        #expect(output.body.isEmpty)
        #expect(self.text(output) == "HTTP/1.1 200 OK\r\nAPI-Version: v1\r\nETag: x\r\nContent-Length: 5\r\n\r\nhello")
    }

    @Test func largeBodiesAreSentSeparately() {
        let body = [UInt8](repeating: 7, count: ResponseSerializer.inlineBodyLimit + 1)
        let output = ResponseSerializer.serialize(
            GatewayResponse(status: 200, body: body),
            headOnly: false,
            keepAlive: true
        )
        #expect(output.body == body)
        #expect(String(decoding: output.head, as: UTF8.self).contains("Content-Length: \(body.count)\r\n"))
    }

    /// A relayed body follows the head: its framing is the relay's, never the (empty) collected body's length.
    @Test(arguments: [
        (RelayFraming.length(20_000_000), Optional("Content-Length: 20000000\r\n")),
        (.chunked, "Transfer-Encoding: chunked\r\n"),
        (.untilClose, nil),
        (.none, nil),
    ])
    func aRelayedHeadCarriesTheRelaysFraming(framing: RelayFraming, field: String?) {
        var response = GatewayResponse(status: 200)
        response.delivery = .relayed(length: nil)
        let output = ResponseSerializer.serialize(response, headOnly: false, keepAlive: true, relayFraming: framing)
        let text = self.text(output)
        #expect(text.hasSuffix("\r\n\r\n"), "the head alone")
        if let field { #expect(text.contains(field)) }
        #expect(text.contains("Content-Length") == (field?.hasPrefix("Content-Length") ?? false))
        #expect(text.contains("Transfer-Encoding") == (framing == .chunked))
    }

    @Test(arguments: [204, 304])
    func statusesWithoutBodyHaveNoLength(status: Int) {
        let output = ResponseSerializer.serialize(GatewayResponse(status: status), headOnly: false, keepAlive: true)
        #expect(!self.text(output).contains("Content-Length"))
    }

    @Test func headResponsesKeepTheUpstreamsLengthAndSendNoBody() {
        let response = GatewayResponse(status: 200, headerBlock: Array("Content-Length: 99\r\n".utf8), body: [])
        let output = ResponseSerializer.serialize(response, headOnly: true, keepAlive: true)
        #expect(self.text(output) == "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n")
    }

    @Test func closingConnectionsSaySo() {
        let output = ResponseSerializer.serialize(GatewayResponse(status: 503), headOnly: false, keepAlive: false)
        #expect(self.text(output).contains("Connection: close\r\n"))
    }

    @Test func theUpstreamsReasonPhraseIsKept() {
        let output = ResponseSerializer.serialize(
            GatewayResponse(status: 299, reason: "Custom Thing"),
            headOnly: false,
            keepAlive: true
        )
        #expect(self.text(output).hasPrefix("HTTP/1.1 299 Custom Thing\r\n"))
    }
}

@Suite struct FieldValueRewriterTests {
    @Test func aLocationIsRewrittenAndTheRestIsKept() {
        let block = Array("Content-Type: application/json\r\nlocation: /vendors/sup_3?x=1\r\nETag: \"a\"\r\n".utf8)
        let rewritten = FieldValueRewriter.rewrite(block, field: "location") { $0.replacingVendors() }
        #expect(
            String(decoding: rewritten, as: UTF8.self)
                == "Content-Type: application/json\r\nlocation: /suppliers/sup_3?x=1\r\nETag: \"a\"\r\n"
        )
    }

    @Test func linksLeftAloneAndBlocksWithoutOneAreUntouched() {
        let elsewhere = Array("Location: https://api.example/vendors/1\r\n".utf8)
        #expect(FieldValueRewriter.rewrite(elsewhere, field: "location") { _ in nil } == elsewhere)
        let none = Array("ETag: \"a\"\r\n".utf8)
        #expect(FieldValueRewriter.rewrite(none, field: "location") { _ in "/changed" } == none)
    }
}

@Suite struct LocationMappingTests {
    private let mapping = LocationMapping(upstream: try! UpstreamURL("http://Upstream.internal:8080/api"))

    @Test(arguments: [
        ("/api/vendors/sup_3", "/suppliers/sup_3"),
        ("/api/vendors/sup_3?expand=orders#top", "/suppliers/sup_3?expand=orders#top"),
        ("http://upstream.internal:8080/api/vendors/sup_3", "/suppliers/sup_3"),
        ("HTTP://UPSTREAM.INTERNAL:8080/api/vendors/sup_3?x=1", "/suppliers/sup_3?x=1"),
        ("http://upstream.internal:8080/api", "/"),
        ("/api", "/"),
    ])
    func linksToTheUpstreamBecomeGatewayLinksInTheClientsVersion(location: String, expected: String) {
        #expect(self.mapping.clientLocation(location) { $0.replacingVendors() } == expected)
    }

    @Test(arguments: [
        "https://elsewhere.example/api/vendors/1", "http://upstream.internal:8080/apix/vendors/1",
        "http://upstream.internal:80801/api/vendors/1", "/apiv2/vendors/1", "/other/vendors/1",
        "//upstream.internal:8080/api/vendors/1", "vendors/1",
    ])
    func linksElsewhereAreLeftAlone(location: String) {
        #expect(self.mapping.clientLocation(location) { _ in "/changed" } == nil)
    }

    @Test func withoutABasePathEveryPathIsTheUpstreams() {
        let mapping = LocationMapping(upstream: try! UpstreamURL("http://127.0.0.1:9001"))
        #expect(mapping.clientLocation("/vendors/1") { $0.replacingVendors() } == "/suppliers/1")
        #expect(mapping.clientLocation("http://127.0.0.1:9001?page=2") { $0 } == "/?page=2")
    }

    @Test func theSchemesDefaultPortNamesTheSameOrigin() {
        let implicit = LocationMapping(upstream: try! UpstreamURL("https://upstream.internal"))
        #expect(implicit.clientLocation("https://upstream.internal:443/vendors/1") { $0 } == "/vendors/1")
        #expect(implicit.clientLocation("https://upstream.internal:80/vendors/1") { $0 } == nil)
        let explicit = LocationMapping(upstream: try! UpstreamURL("http://upstream.internal:80"))
        #expect(explicit.clientLocation("http://upstream.internal/vendors/1") { $0 } == "/vendors/1")
        #expect(explicit.clientLocation("https://upstream.internal/vendors/1") { $0 } == nil)
    }
}

extension String {
    fileprivate func replacingVendors() -> String {
        self.hasPrefix("/vendors") ? "/suppliers" + self.dropFirst("/vendors".count) : self
    }

    @Test func aDateLineIsAddedUnlessTheResponseCarriesItsOwn() {
        let date = Array("Date: Sun, 29 Nov 2026 21:21:44 GMT\r\n".utf8)
        let own = GatewayResponse(
            status: 204,
            headerBlock: Array("Date: Mon, 30 Nov 2026 08:00:00 GMT\r\n".utf8),
            carriesDate: true
        )
        let ownHead = ResponseSerializer.serialize(own, headOnly: false, keepAlive: true, dateLine: date).head
        #expect(
            String(decoding: ownHead, as: UTF8.self)
                == "HTTP/1.1 204 No Content\r\nDate: Mon, 30 Nov 2026 08:00:00 GMT\r\n\r\n"
        )
        let plain = GatewayResponse(status: 204)
        let plainHead = ResponseSerializer.serialize(plain, headOnly: false, keepAlive: true, dateLine: date).head
        #expect(
            String(decoding: plainHead, as: UTF8.self)
                == "HTTP/1.1 204 No Content\r\nDate: Sun, 29 Nov 2026 21:21:44 GMT\r\n\r\n"
        )
    }
}
