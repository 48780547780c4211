import Testing

@testable import CurlClient

/// The checks on an upstream's head, line by line as curl hands them over, without sockets.
@Suite struct ResponseAccumulatorTests {
    /// Feeds the status line, `fields` and the blank line, stopping at the first line refused.
    private func accumulate(_ fields: [String]) -> (ResponseAccumulator, accepted: Bool) {
        var accumulator = ResponseAccumulator()
        var accepted = true
        for line in ["HTTP/1.1 200 OK"] + fields + [""] where accepted {
            accepted = Array((line + "\r\n").utf8).withUnsafeBytes { accumulator.addHeaderLine($0, limit: 1 << 20) }
        }
        return (accumulator, accepted)
    }

    /// RFC 9112 §6.3 allows a list of equal lengths to be read as one; RFC 9110 §5.6.1.2 has empty list elements
    /// ignored.
    @Test(arguments: [
        ("Content-Length: 42", 42),
        ("content-LENGTH:42", 42),
        ("Content-Length: 42, 42", 42),
        ("Content-Length: 42,,42 ,", 42),
        ("Content-Length: 0", 0),
        ("Content-Length: \t 7 \t", 7),
    ])
    func aContentLengthIsReadAsOneNumber(field: String, length: Int) {
        let (accumulator, accepted) = self.accumulate([field])
        #expect(accepted)
        #expect(accumulator.declaredLength == length)
        #expect(accumulator.isHeadComplete)
    }

    @Test(arguments: [
        "Content-Length: 42, 43",
        "Content-Length: 4 2x",
        "Content-Length: -1",
        "Content-Length: ",
        "Content-Length: ,",
        "Content-Length: 99999999999999999999999",
        "Content-Length: 7 7",
        "Content-Length: 7\t7",
        "Content-Length: 1 2 3",
    ])
    func anInvalidContentLengthIsAMalformation(field: String) {
        let (accumulator, accepted) = self.accumulate([field])
        #expect(!accepted)
        #expect(accumulator.malformation == "an invalid or conflicting Content-Length")
    }

    @Test func twoDifferingLengthFieldsAreAMalformation() {
        let (_, accepted) = self.accumulate(["Content-Length: 5", "Content-Length: 6"])
        #expect(!accepted)
    }

    @Test func aTransferEncodingNameIsMatchedInAnyCase() {
        let (accumulator, accepted) = self.accumulate(["TRANSFER-encoding: gzip"])
        #expect(!accepted)
        #expect(accumulator.malformation == "the transfer coding 'gzip', which the gateway never asks for")
        #expect(self.accumulate(["Transfer-Encoding: chunked"]).accepted)
    }

    @Test func fieldsAreKeptAsTheyCame() {
        let (accumulator, accepted) = self.accumulate(["Content-Type: application/json", "X-Trace: a b"])
        #expect(accepted)
        #expect(accumulator.head.headerBlock == Array("Content-Type: application/json\r\nX-Trace: a b\r\n".utf8))
    }

    /// curl hands a chunked body's trailer over as header lines after the head: they never join it, whatever they
    /// name (a coding, a length, a control character).
    @Test func trailerFieldsDoNotJoinTheHead() {
        var (accumulator, accepted) = self.accumulate(["Content-Type: text/csv", "Transfer-Encoding: chunked"])
        #expect(accepted)
        for line in ["Content-Encoding: gzip", "Content-Length: 5", "X-Bad: a\u{01}b", ""] {
            let taken = Array((line + "\r\n").utf8).withUnsafeBytes { accumulator.addHeaderLine($0, limit: 1 << 20) }
            #expect(taken)
        }
        #expect(accumulator.head.headerBlock == Array("Content-Type: text/csv\r\nTransfer-Encoding: chunked\r\n".utf8))
        #expect(accumulator.declaredLength == nil)
        #expect(accumulator.malformation == nil)
    }
}
