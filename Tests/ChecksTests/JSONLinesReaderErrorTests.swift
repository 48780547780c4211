import Checks
import Testing

@Suite struct JSONLinesReaderErrorTests {
    static let good = #"{"method": "GET", "path": "/a"}"#

    @Test(arguments: [
        (#"{"method": "GET", "path": "/a""#, TrafficError.Kind.malformed, "calls:3: not valid JSON"),
        ("# a comment", .malformed, "calls:3: not valid JSON at column 1: expected a value, found '#'"),
        (
            #"{"method": "GET", "path": "/a",}"#, .malformed,
            "calls:3: not valid JSON at column 32: expected a member name in quotes"
        ),
        (
            #"{"method": "GET", "path": "/a"} {}"#, .malformed,
            "calls:3: not valid JSON at column 33: more data after the end"
        ),
        (#"["GET", "/a"]"#, .invalidExchange, "calls:3: not a JSON object (each line holds one exchange as an object)"),
        (#"{"path": "/a"}"#, .invalidExchange, #"calls:3: "method" is missing"#),
        (#"{"method": 1, "path": "/a"}"#, .invalidExchange, #"calls:3: "method" must be a string"#),
        (#"{"method": "GET"}"#, .invalidExchange, #"calls:3: "url" or "path" is missing"#),
        (
            #"{"method": "GET", "url": "/a", "path": "/a"}"#, .invalidExchange,
            #"calls:3: give "url", or "path" and "query", not both"#
        ),
        (
            #"{"method": "GET", "url": "a.example/x"}"#, .invalidExchange,
            #"calls:3: "url" is neither an absolute URL nor a path from '/': a.example/x"#
        ),
        (#"{"method": "GET", "path": "a"}"#, .invalidExchange, #"calls:3: "path" does not start with '/': a"#),
        (
            #"{"method": "GET", "path": "/a?b=1", "query": "c=2"}"#, .invalidExchange,
            #"calls:3: "path" holds a query and "query" gives one too"#
        ),
        (
            #"{"method": "GET", "path": "/a", "query": 1}"#, .invalidExchange,
            #"calls:3: "query" must be a string or an object"#
        ),
        (
            #"{"method": "GET", "path": "/a", "query": {"a": {"b": 1}}}"#, .invalidExchange,
            #"calls:3: query "a" must be a string, number, boolean, null or an array of them"#
        ),
        (
            #"{"method": "GET", "path": "/a", "status": 2000}"#, .invalidExchange,
            #"calls:3: "status" must be an integer from 100 to 599 (or 0 or null: no response)"#
        ),
        (
            #"{"method": "GET", "path": "/a", "status": 200.0}"#, .invalidExchange,
            #"calls:3: "status" must be an integer from 100 to 599 (or 0 or null: no response)"#
        ),
        (
            #"{"method": "GET", "path": "/a", "status": "200"}"#, .invalidExchange,
            #"calls:3: "status" must be an integer from 100 to 599 (or 0 or null: no response)"#
        ),
        (
            #"{"method": "GET", "path": "/a", "request_headers": {"a": true}}"#, .invalidExchange,
            #"calls:3: request_headers "a" must be a string or an array of strings"#
        ),
        (
            #"{"method": "GET", "path": "/a", "request_headers": [{"name": "a"}]}"#, .invalidExchange,
            #"calls:3: request_headers[0] must be an object with a string name and value"#
        ),
        (
            #"{"method": "GET", "path": "/a", "response_headers": "a: b"}"#, .invalidExchange,
            #"calls:3: "response_headers" must be an object or an array of {"name", "value"} objects"#
        ),
        (
            #"{"method": "GET", "path": "/a", "response_body": "x", "response_body_base64": "eA=="}"#, .invalidExchange,
            #"calls:3: give "response_body" or "response_body_base64", not both"#
        ),
        (
            #"{"method": "GET", "path": "/a", "response_body_base64": "*"}"#, .badBase64,
            #"calls:3: "response_body_base64" is not valid base64"#
        ),
        (#"{"method": "GET", "path": "/a", "method": "POST"}"#, .invalidExchange, #"calls:3: "method" appears twice"#),
    ])
    func aBadLineIsRefusedByItsNumber(line: String, kind: TrafficError.Kind, description: String) {
        let text = Self.good + "\n\n" + line + "\n" + Self.good + "\n"
        let error = TrafficFixtures.failure(text, as: .jsonLines)
        #expect(error?.kind == kind)
        #expect(error?.description.hasPrefix(description) == true, "\(error?.description ?? "no error")")
    }

    @Test func aLineThatIsNotUTF8IsRefused() {
        let bytes = Array(#"{"method": "GET", "path": "/"#.utf8) + [0xFF] + Array("\"}\n".utf8)
        let error = TrafficFixtures.failure(bytes, as: .jsonLines)
        #expect(error == TrafficError(.malformed, "calls:1: not valid JSON: not UTF-8 (RFC 8259 §8.1)"))
    }

    @Test func anEmptyFileIsRefused() {
        #expect(TrafficFixtures.failure("", as: .jsonLines) == TrafficError(.empty, "calls: the file is empty"))
    }

    @Test func aFileOfBlankLinesHasNoExchanges() {
        let error = TrafficFixtures.failure("\n  \r\n\n", as: .jsonLines)
        #expect(error == TrafficError(.noExchanges, "calls: no exchanges: every line is blank"))
    }

    @Test func aLastLineWithoutABreakIsReadAtTheEnd() {
        let error = TrafficFixtures.failure(Self.good + "\n" + #"{"method": "GET"}"#, as: .jsonLines)
        #expect(error?.description == #"calls:2: "url" or "path" is missing"#)
    }

    @Test func aLineOverTheBoundIsRefusedBeforeItIsHeldWhole() {
        var reader = JSONLinesReader(file: "big.jsonl", maximumLineBytes: 100)
        let line = Array((Self.good + "\n" + String(repeating: " ", count: 150)).utf8)
        #expect(throws: TrafficError(.tooLarge, "big.jsonl:2: longer than 100 bytes, the most one line may hold")) {
            for byte in line { _ = try reader.consume([byte]) }
        }
    }
}
