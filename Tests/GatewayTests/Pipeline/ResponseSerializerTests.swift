@testable import Gateway
import Versioning
import Testing

@Suite struct ResponseSerializerTests {
    private func text(_ output: ResponseSerializer.Output) -> String {
        String(decoding: output.head + output.body, as: UTF8.self)
    }

    @Test func smallBodiesTravelWithTheHeadAndCarryTheirLength() {
        let response = GatewayResponse(
            status: 200, headers: [HTTPField("API-Version", "v1")], headerBlock: Array("ETag: x\r\n".utf8),
            body: Array("hello".utf8))
        let output = ResponseSerializer.serialize(response, headOnly: false, keepAlive: true)
        #expect(output.body.isEmpty)
        #expect(self.text(output) == "HTTP/1.1 200 OK\r\nAPI-Version: v1\r\nETag: x\r\nContent-Length: 5\r\n\r\nhello")
    }

    @Test func largeBodiesAreSentSeparately() {
        let body = [UInt8](repeating: 7, count: ResponseSerializer.inlineBodyLimit + 1)
        let output = ResponseSerializer.serialize(GatewayResponse(status: 200, body: body), headOnly: false, keepAlive: true)
        #expect(output.body == body)
        #expect(String(decoding: output.head, as: UTF8.self).contains("Content-Length: \(body.count)\r\n"))
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
            GatewayResponse(status: 299, reason: "Custom Thing"), headOnly: false, keepAlive: true)
        #expect(self.text(output).hasPrefix("HTTP/1.1 299 Custom Thing\r\n"))
    }
}

@Suite struct LocationRewriterTests {
    @Test func aRelativeLocationIsRewrittenAndTheRestIsKept() {
        let block = Array("Content-Type: application/json\r\nlocation: /vendors/sup_3?x=1\r\nETag: \"a\"\r\n".utf8)
        let rewritten = LocationRewriter.rewrite(block) { $0.replacingVendors() }
        #expect(String(decoding: rewritten, as: UTF8.self)
            == "Content-Type: application/json\r\nlocation: /suppliers/sup_3?x=1\r\nETag: \"a\"\r\n")
    }

    @Test func absoluteLocationsAndBlocksWithoutOneAreUntouched() {
        let absolute = Array("Location: https://api.example/vendors/1\r\n".utf8)
        #expect(LocationRewriter.rewrite(absolute) { $0.replacingVendors() } == absolute)
        let none = Array("ETag: \"a\"\r\n".utf8)
        #expect(LocationRewriter.rewrite(none) { _ in "/changed" } == none)
    }
}

extension String {
    fileprivate func replacingVendors() -> String {
        self.hasPrefix("/vendors") ? "/suppliers" + self.dropFirst("/vendors".count) : self
    }
}

@Suite struct HeaderRenamerTests {
    @Test func namesAreRenamedAndValuesKept() {
        let block = Array("x-supplier-region: eu-west\r\nETag: \"a\"\r\n".utf8)
        let renamed = HeaderRenamer.rename(block, [HeaderRename(from: "X-Supplier-Region", to: "X-Vendor-Region")])
        #expect(String(decoding: renamed, as: UTF8.self) == "X-Vendor-Region: eu-west\r\nETag: \"a\"\r\n")
    }
}
