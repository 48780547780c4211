import Testing

@testable import Gateway

/// The one walk over a raw header block every rewrite uses, and the name set it probes.
@Suite struct HeaderBlockLinesTests {
    private func walk(_ block: String) -> [(line: String, name: String)] {
        Array(block.utf8).withUnsafeBytes { raw in
            HeaderBlockLines(raw).map {
                (String(decoding: $0.line, as: UTF8.self), String(decoding: $0.name, as: UTF8.self))
            }
        }
    }

    @Test func eachLineComesWithItsNameAndLinesWithoutAColonAreSkipped() {
        let lines = self.walk("ETag: \"a:b\"\r\nno colon here\r\nX-Empty:\r\n:\r\nLast: no line end")
        #expect(lines.map(\.name) == ["ETag", "X-Empty", "", "Last"])
        #expect(lines.map(\.line) == ["ETag: \"a:b\"\r\n", "X-Empty:\r\n", ":\r\n", "Last: no line end"])
    }

    @Test func anEmptyBlockHasNoLines() {
        #expect(self.walk("").isEmpty)
        #expect(self.walk("\r\n\n").isEmpty)
    }

    @Test(arguments: [
        ("connection", true), ("Keep-Alive", true), ("TE", true), ("transfer-ENCODING", true), ("t", false),
        ("tee", false), ("connections", false), ("", false), ("upgrade ", false),
    ])
    func aNameSetMatchesInAnyLetterCaseAndNothingElse(name: String, isMember: Bool) {
        let set = FieldNameSet(["connection", "Keep-Alive", "te", "transfer-encoding"])
        #expect(Array(name.utf8).withUnsafeBytes { set.contains($0) } == isMember)
    }

    @Test func optionsOfConnectionAreLoweredAndTheSkippedLeftOut() {
        let block = Array("Connection: Close, X-Trace ,, keep-alive\r\nconnection: UPGRADE\r\n".utf8)
        let options = block.withUnsafeBytes {
            HeaderBlockLines($0).connectionOptions(skipping: FieldNameSet(["close", "keep-alive"]))
        }
        #expect(options == ["x-trace", "upgrade"])
    }
}
