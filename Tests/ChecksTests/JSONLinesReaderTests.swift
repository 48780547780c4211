import Checks
import Testing

@Suite struct JSONLinesReaderTests {
    @Test func aLineWithEveryMemberGivesTheWholeExchange() throws {
        let line = #"""
            {"method": "POST", "url": "https://api.example/purchase-orders?dry_run=1", "request_headers": {"API-Version": "v1", "Accept": ["application/json", "text/plain"]}, "request_body": {"vendor_id": "sup_1", "total": 99.50, "lines": [ 1, 2 ]}, "status": 201, "response_headers": [{"name": "Location", "value": "/purchase-orders/po_3"}, {"name": "Content-Length", "value": 12}], "response_body": "created\n", "at": "2026-11-30T09:00:00Z"}
            """#
        let exchange = try #require(try TrafficFixtures.read(line + "\n", as: .jsonLines).first)
        #expect(exchange.method == "POST")
        #expect(exchange.target == "/purchase-orders?dry_run=1")
        #expect(
            exchange.requestFields == [
                RecordedField(name: "API-Version", value: "v1"),
                RecordedField(name: "Accept", value: "application/json"),
                RecordedField(name: "Accept", value: "text/plain"),
            ]
        )
        #expect(exchange.requestBody == Array(#"{"vendor_id":"sup_1","total":99.50,"lines":[1,2]}"#.utf8))
        #expect(exchange.status == 201)
        #expect(exchange.responseFields.map(\.value) == ["/purchase-orders/po_3", "12"])
        #expect(exchange.responseBody == Array("created\n".utf8))
        #expect(exchange.origin.description == "calls:1")
    }

    @Test(arguments: [
        (#"{"method": "GET", "url": "/vendors/sup_1"}"#, "/vendors/sup_1"),
        (#"{"method": "GET", "url": "http://127.0.0.1:8080"}"#, "/"),
        (#"{"method": "GET", "path": "/vendors"}"#, "/vendors"),
        (#"{"method": "GET", "path": "/vendors?per_page=5"}"#, "/vendors?per_page=5"),
        (
            #"{"method": "GET", "path": "/purchase-orders", "query": "vendor_id=sup_1&per_page=5"}"#,
            "/purchase-orders?vendor_id=sup_1&per_page=5"
        ),
        (#"{"method": "GET", "path": "/a", "query": "?x=1"}"#, "/a?x=1"),
        (#"{"method": "GET", "path": "/a", "query": ""}"#, "/a"),
        (#"{"method": "GET", "path": "/a", "query": null}"#, "/a"),
        (#"{"method": "GET", "path": "/a", "query": {}}"#, "/a"),
        (
            #"{"method": "GET", "path": "/a", "query": {"vendor_id": "sup 1/é", "per_page": 5, "n": 1.50, "open": true, "flag": null, "id": ["a", 2]}}"#,
            "/a?vendor_id=sup%201%2F%C3%A9&per_page=5&n=1.50&open=true&flag&id=a&id=2"
        ),
    ])
    func theTargetComesFromTheURLOrThePathAndQuery(line: String, target: String) throws {
        #expect(try TrafficFixtures.read(line, as: .jsonLines).map(\.target) == [target])
    }

    @Test func bodiesAreTextJSONOrBase64() throws {
        let lines = [
            #"{"method": "POST", "path": "/a", "request_body": "a=1&b=2", "response_body": [ {"x" : "a b"} ]}"#,
            #"{"method": "POST", "path": "/a", "request_body_base64": "iVBORw==", "response_body": 42}"#,
            #"{"method": "POST", "path": "/a", "request_body": "", "response_body": null, "status": null}"#,
            #"{"method": "POST", "path": "/a", "request_body": "\u00e9\"", "status": 0}"#,
        ]
        let exchanges = try TrafficFixtures.read(lines.joined(separator: "\n"), as: .jsonLines)
        #expect(
            exchanges.map(\.requestBody) == [Array("a=1&b=2".utf8), [0x89, 0x50, 0x4E, 0x47], nil, Array("é\"".utf8)]
        )
        #expect(exchanges.map(\.responseBody) == [Array(#"[{"x":"a b"}]"#.utf8), Array("42".utf8), nil, nil])
        #expect(exchanges.map(\.status) == [nil, nil, nil, nil])
    }

    @Test func blankLinesAndCRLFAreSkippedAndLinesKeepTheirNumbers() throws {
        let text =
            "\u{FEFF}\r\n" + #"{"method": "GET", "path": "/a"}"# + "\r\n  \n\n" + #"{"method": "GET", "path": "/b"}"#
        let exchanges = try TrafficFixtures.read(text, as: .jsonLines)
        #expect(exchanges.map(\.origin.description) == ["calls:2", "calls:5"])
        #expect(exchanges.map(\.target) == ["/a", "/b"])
    }

    @Test func exchangesAreTheSameWhateverTheChunksAreSplitAt() throws {
        let text = (1...30).map { #"{"method": "GET", "path": "/items/\#($0)", "response_body": {"n": \#($0)}}"# }
            .joined(separator: "\n")
        let whole = try TrafficFixtures.read(text, as: .jsonLines)
        #expect(whole.count == 30)
        #expect(
            try TrafficFixtures.read(text, as: .jsonLines, pieces: TrafficFixtures.byteByByte(text.utf8.count)) == whole
        )
        for seed in UInt64(1)...10 {
            let pieces = TrafficFixtures.randomPieces(text.utf8.count, seed: seed)
            #expect(try TrafficFixtures.read(text, as: .jsonLines, pieces: pieces) == whole, "seed \(seed)")
        }
    }
}
