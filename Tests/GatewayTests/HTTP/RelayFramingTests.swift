import Testing

@testable import Gateway

/// How a relayed body is framed for the client (RFC 9112 §6).
@Suite struct RelayFramingTests {
    @Test(arguments: [
        // (status, upstream length, HEAD, client minor version, framing)
        (200, Optional(5), false, 1, RelayFraming.length(5)),
        (200, nil, false, 1, .chunked),
        (200, nil, false, 0, .untilClose),
        (200, 5, true, 1, .none),
        (204, nil, false, 1, .none),
        (304, 5, false, 1, .none),
        (103, nil, false, 1, .none),
    ])
    func framingFollowsTheLengthTheStatusAndTheClientsVersion(
        status: Int,
        length: Int?,
        headOnly: Bool,
        minor: Int,
        framing: RelayFraming
    ) {
        #expect(RelayFraming(status: status, length: length, headOnly: headOnly, clientMinorVersion: minor) == framing)
    }

    @Test func chunksCarryTheirSizeInHexAndTheLastOneIsEmpty() {
        let chunk = Array(repeating: UInt8(ascii: "a"), count: 26)
        let framed = chunk.withUnsafeBytes { RelayFraming.chunked.frame($0) }
        #expect(framed == Array("1a\r\n".utf8) + chunk + Array("\r\n".utf8))
        #expect(RelayFraming.chunked.end == Array("0\r\n\r\n".utf8))
        #expect([UInt8]().withUnsafeBytes { RelayFraming.chunked.frame($0) }.isEmpty, "an empty chunk would end it")
    }

    @Test func noBodyMeansNoBytes() {
        #expect(Array("abc".utf8).withUnsafeBytes { RelayFraming.none.frame($0) }.isEmpty)
    }

    @Test func otherFramingsSendTheBytesAsTheyAre() {
        let bytes = Array("abc".utf8)
        for framing in [RelayFraming.length(3), .untilClose] {
            #expect(bytes.withUnsafeBytes { framing.frame($0) } == bytes)
            #expect(framing.end.isEmpty)
        }
    }
}
