import Checks
import Testing

@Suite struct TrafficFormatTests {
    @Test(arguments: [
        ("calls.har", TrafficFormat.har), ("CALLS.HAR", .har), ("calls.jsonl", .jsonLines),
        ("calls.ndjson", .jsonLines),
        ("calls.jsonlines", .jsonLines),
    ])
    func theExtensionDecidesWhatever(name: String, format: TrafficFormat) throws {
        #expect(try TrafficFormat.detect(file: name, prefix: Array("[]".utf8)) == format)
    }

    @Test(arguments: [
        ("{\n  \"log\": {\"version\": \"1.2\"", TrafficFormat.har),
        (#"{"log":{"version":"1.2","entries":[{"request":{"method":"GET"}}]}}"#, .har),
        ("\u{FEFF}  {\"method\": \"GET\", \"path\": \"/a\"}\n{", .jsonLines),
        (#"{"at": "2026-11-30", "method": "GET", "url": "/a"  "#, .jsonLines),
        (#"{"request_body": {"log": 1}, "path": "/a"}"#, .jsonLines),
        (#"{"creator": {"method": 1}, "log": {}}"#, .har),
        ("{\n  \"creator\": {}", .har),
        (#"{"a": "very long"#, .har),
    ])
    func otherwiseTheFirstObjectDecides(prefix: String, format: TrafficFormat) throws {
        #expect(try TrafficFormat.detect(file: "calls.json", prefix: Array(prefix.utf8)) == format)
    }

    @Test func aFileThatIsNoObjectIsNeither() {
        #expect(throws: TrafficError.self) { try TrafficFormat.detect(file: "calls.txt", prefix: Array("GET /a".utf8)) }
        #expect((try? TrafficFormat.detect(file: "-", prefix: Array(" \n".utf8))) == nil)
        do {
            _ = try TrafficFormat.detect(file: "calls.txt", prefix: Array("[1]".utf8))
        } catch {
            #expect(error.kind == .unknownFormat)
            #expect(
                error.description
                    == "calls.txt: neither a HAR nor JSON lines: it does not start with '{' (name it .har or .jsonl to say which)"
            )
        }
    }
}
