import Checks
import Foundation
import Testing

@Suite struct HARReaderErrorTests {
    @Test func har11IsRefusedNamingTheVersionToExport() {
        let text = TrafficFixtures.har([TrafficFixtures.entry()], version: #""version": "1.1","#)
        let error = TrafficFixtures.failure(text, as: .har)
        #expect(error?.kind == .unsupportedVersion)
        #expect(error?.description == "calls: HAR 1.1 is not supported: export HAR 1.2")
    }

    @Test func aWrongVersionAfterTheEntriesFailsAtTheLatestAtTheEnd() throws {
        let text = #"{"log": {"entries": ["# + TrafficFixtures.entry() + #"], "version": "1.1"}}"#
        var reader = HARReader(file: "old.har")
        let split = text.utf8.count - 20
        #expect(try reader.consume(Array(text.utf8)[..<split]).count == 1)
        #expect(throws: TrafficError(.unsupportedVersion, "old.har: HAR 1.1 is not supported: export HAR 1.2")) {
            _ = try reader.consume(Array(text.utf8)[split...])
        }
        #expect(throws: TrafficError.self) { try reader.finish() }
    }

    @Test func aMissingVersionIsRefused() {
        let error = TrafficFixtures.failure(TrafficFixtures.har([TrafficFixtures.entry()], version: ""), as: .har)
        #expect(error?.kind == .unsupportedVersion)
        #expect(error?.description == "calls: log.version is missing (HAR 1.2 reads that as 1.1): export HAR 1.2")
    }

    @Test func aTruncatedFileSaysWhereItEnds() throws {
        let bytes = try TrafficFixtures.bytes("browser-devtools.har")
        let error = TrafficFixtures.failure(Array(bytes[..<3000]), as: .har)
        #expect(error?.kind == .truncated)
        #expect(
            error?.description.hasPrefix("calls: truncated: the file ends inside the HAR document at line ") == true
        )
        #expect(error?.description.hasSuffix("(byte 3000), in entry 1") == true)
    }

    @Test func malformedJSONIsReportedAtItsLineAndByte() {
        let text = "{\"log\": {\"version\": \"1.2\",\n  \"entries\" [\n"
        let error = TrafficFixtures.failure(text, as: .har)
        #expect(error?.kind == .malformed)
        #expect(error?.description == "calls: malformed JSON at line 2 (byte 39): expected ':' after a member name")
    }

    @Test(arguments: [
        ("<html>", "calls: malformed JSON at line 1 (byte 0): not JSON: expected '{', found '<'"),
        (
            #"{"log": {"version": "1.2", "entries": [{"request": -}]}}"#,
            "calls: malformed JSON at line 1 (byte 52), in entry 1: malformed number"
        ),
        (
            #"{"log": {"version": "1.2", "entries": [{"request": 01}]}}"#,
            "calls: malformed JSON at line 1 (byte 52), in entry 1: expected ',' or '}'"
        ),
        (
            #"{"log": {"version": "1.2", "entries": [{"a": tru}]}}"#,
            "calls: malformed JSON at line 1 (byte 48), in entry 1: expected true"
        ),
        (
            #"{"log": {"version": "1.2", "entries": [{"a": "\x"}]}}"#,
            "calls: malformed JSON at line 1 (byte 47), in entry 1: invalid escape \\'x' in a string"
        ),
        (
            #"{"log": {"version": "1.2", "entries": [{"a": 1,}]}}"#,
            "calls: malformed JSON at line 1 (byte 47), in entry 1: expected a member name in quotes"
        ),
        (
            #"{"log": {"version": "1.2", "entries": [{"a": 1]}}"#,
            "calls: malformed JSON at line 1 (byte 46), in entry 1: expected ',' or '}'"
        ),
        (
            #"{"log": {"version": "1.2", "entries": []}} {}"#,
            "calls: malformed JSON at line 1 (byte 43): more data after the end of the HAR document"
        ),
    ])
    func malformedJSONIsReportedWhereverItIs(text: String, description: String) {
        let error = TrafficFixtures.failure(text, as: .har)
        #expect(error?.kind == .malformed)
        #expect(error?.description == description)
        let byteByByte = TrafficFixtures.failure(text, as: .har, pieces: TrafficFixtures.byteByByte(text.utf8.count))
        #expect(byteByByte == error, "the same error whatever the chunks")
    }

    @Test func anEntryThatIsNotUTF8IsRefused() {
        let bytes = Array(TrafficFixtures.har([TrafficFixtures.entry(url: "https://a.example/\u{1}")]).utf8)
        let broken = bytes.map { $0 == 0x01 ? 0xC3 : $0 }  // a lead byte without its continuation
        let error = TrafficFixtures.failure(broken, as: .har)
        #expect(error == TrafficError(.malformed, "calls entry 1 (line 1): not valid UTF-8 (RFC 8259 §8.1)"))
    }

    @Test(arguments: ["", "  \n\t"])
    func anEmptyFileIsRefused(text: String) {
        #expect(TrafficFixtures.failure(text, as: .har) == TrafficError(.empty, "calls: the file is empty"))
    }

    @Test func aHARWithoutEntriesHasNoExchanges() {
        let error = TrafficFixtures.failure(TrafficFixtures.har([]), as: .har)
        #expect(error == TrafficError(.noExchanges, "calls: no exchanges: log.entries is empty"))
    }

    @Test(arguments: [
        (#"{"version": "1.2", "entries": []}"#, #"calls: not a HAR file: no "log" object"#),
        (#"{"log": {"version": "1.2"}}"#, "calls: not a HAR file: no log.entries"),
        (#"{"log": []}"#, #"calls: not a HAR file: "log" is not one object"#),
        (#"{"log": {"entries": {}}}"#, "calls: not a HAR file: log.entries is not one array"),
        (#"[{"method": "GET"}]"#, #"calls: not a HAR file: the JSON document is not an object holding "log""#),
    ])
    func jsonThatIsNoHARIsRefused(text: String, description: String) {
        #expect(TrafficFixtures.failure(text, as: .har) == TrafficError(.notHAR, description))
    }

    @Test(arguments: [
        (#"{"request": {"url": "https://a.example/"}}"#, "calls entry 1 (line 1): request.method is missing"),
        (#"{"request": {"method": "GET"}}"#, "calls entry 1 (line 1): request.url is missing"),
        (#"{"response": {"status": 200}}"#, "calls entry 1 (line 1): request is missing"),
        (
            #"{"request": {"method": "GET", "url": "vendors"}}"#,
            "calls entry 1 (line 1): request.url is not an absolute URL: vendors"
        ),
        (
            #"{"request": {"method": "GET", "url": "/", "headers": [{"name": "a", "value": 1}]}}"#,
            "calls entry 1 (line 1): request.headers[0].value is not a string"
        ),
        (
            #"{"request": {"method": "GET", "url": "/"}, "response": {"status": "200"}}"#,
            "calls entry 1 (line 1): response.status is not an integer"
        ),
        (
            #"{"request": {"method": "GET", "url": "/"}, "response": {"status": 42}}"#,
            "calls entry 1 (line 1): response.status 42 is not an HTTP status code"
        ),
        (
            #"{"request": {"method": "GET", "url": "/"}, "response": {"status": 200, "content": {"text": "x", "encoding": "gzip"}}}"#,
            #"calls entry 1 (line 1): response.content.encoding "gzip" is not supported (only base64)"#
        ),
        ("[]", "calls entry 1 (line 1): not an object"),
    ])
    func anEntryWithoutAMethodOrURLIsRefusedByNumber(entry: String, description: String) {
        let text =
            #"{"log": {"version": "1.2", "entries": [{"request": {"method": "GET", "url": "/"}}, "# + "\n" + entry
            + "]}}"
        let error = TrafficFixtures.failure(text, as: .har)
        #expect(error?.kind == .invalidExchange)
        #expect(
            error?.description == description.replacingOccurrences(of: "entry 1 (line 1)", with: "entry 2 (line 2)")
        )
    }

    @Test func badBase64IsRefused() {
        let response = #""response": {"status": 200, "content": {"text": "not base64!", "encoding": "base64"}}"#
        let error = TrafficFixtures.failure(TrafficFixtures.har([TrafficFixtures.entry(response: response)]), as: .har)
        #expect(error == TrafficError(.badBase64, "calls entry 1 (line 1): response.content.text is not valid base64"))
    }

    @Test func anEntryOverTheBoundIsRefusedBeforeItIsHeldWhole() {
        let big = TrafficFixtures.entry(
            request: #", "postData": {"text": ""# + String(repeating: "x", count: 5000) + #""}"#
        )
        var reader = HARReader(file: "big.har", maximumEntryBytes: 4096)
        let bytes = Array(TrafficFixtures.har([TrafficFixtures.entry(), big]).utf8)
        #expect(
            throws: TrafficError(
                .tooLarge,
                "big.har entry 2 (line 2): larger than 4096 bytes, the most one entry may hold"
            )
        ) {
            for start in stride(from: 0, to: bytes.count, by: 1000) {
                _ = try reader.consume(bytes[start..<min(start + 1000, bytes.count)])
            }
        }
    }
}
