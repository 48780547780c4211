import Checks
import Foundation
import Testing

@Suite struct HARReaderTests {
    @Test func aBrowserEntryGivesItsRequestAndResponseAsSent() throws {
        let exchanges = try TrafficFixtures.read(try TrafficFixtures.bytes("browser-devtools.har"), as: .har)
        try #require(exchanges.count == 4)
        let post = exchanges[0]
        #expect(post.method == "POST")
        #expect(post.target == "/purchase-orders?dry_run=1&note=caf%C3%A9")
        #expect(post.requestFields.map(\.name) == ["accept", "api-version", "authorization", "content-type"])
        #expect(post.requestFields[1].value == "v1")
        #expect(post.requestBody == Array(#"{"vendor_id":"sup_1","total":"12.00","currency":"EUR"}"#.utf8))
        #expect(post.status == 201)
        #expect(post.responseFields.map(\.name) == ["api-version", "content-type", "location", "vary", "vary"])
        #expect(post.responseFields.filter { $0.name == "vary" }.map(\.value) == ["API-Version", "Accept-Encoding"])
        let body = try #require(post.responseBody)
        #expect(String(decoding: body, as: UTF8.self).hasPrefix(#"{"id":"po_3","number":"PO-1003","vendor_id""#))
        #expect(post.origin == TrafficOrigin(file: "calls", position: .entry(1)))
    }

    @Test func aFailedRequestHasNoResponse() throws {
        let failed = try TrafficFixtures.read(try TrafficFixtures.bytes("browser-devtools.har"), as: .har)[1]
        #expect(failed.target == "/")
        #expect(failed.requestFields.last == RecordedField(name: "X-Note", value: "été \"quoted\" \\ back"))
        #expect(failed.status == nil)
        #expect(failed.responseFields == [])
        #expect(failed.responseBody == nil)
        #expect(failed.origin.description == "calls entry 2")
    }

    @Test func base64PostDataAndFormParametersBecomeBodies() throws {
        let exchanges = try TrafficFixtures.read(try TrafficFixtures.bytes("browser-devtools.har"), as: .har)
        #expect(exchanges[2].requestBody == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D])
        #expect(exchanges[2].status == 204)
        #expect(exchanges[2].responseBody == nil)
        #expect(exchanges[3].requestBody == Array("user=ada&next=%2Fa%20b".utf8))
        #expect(exchanges[3].responseBody == nil, "an empty text is no body")
    }

    @Test(arguments: [
        ("https://api.example/vendors/sup_1", "/vendors/sup_1"),
        (
            "http://127.0.0.1:8080/purchase-orders?vendor_id=sup_1&per_page=5",
            "/purchase-orders?vendor_id=sup_1&per_page=5"
        ),
        ("https://api.example", "/"),
        ("https://api.example?a=1", "/?a=1"),
        ("https://api.example/a%20b/c?q=x%2Fy#frag", "/a%20b/c?q=x%2Fy"),
        ("https://user@[::1]:8443/", "/"),
    ])
    func anAbsoluteURLBecomesAnOriginFormTarget(url: String, target: String) throws {
        let exchanges = try TrafficFixtures.read(TrafficFixtures.har([TrafficFixtures.entry(url: url)]), as: .har)
        #expect(exchanges.map(\.target) == [target])
    }

    @Test func exchangesAreTheSameWhateverTheChunksAreSplitAt() throws {
        let bytes = try TrafficFixtures.bytes("browser-devtools.har")
        let whole = try TrafficFixtures.read(bytes, as: .har)
        #expect(try TrafficFixtures.read(bytes, as: .har, pieces: TrafficFixtures.byteByByte(bytes.count)) == whole)
        for seed in UInt64(1)...20 {
            let pieces = TrafficFixtures.randomPieces(bytes.count, seed: seed)
            #expect(try TrafficFixtures.read(bytes, as: .har, pieces: pieces) == whole, "seed \(seed)")
        }
    }

    @Test func eachChunkReturnsTheEntriesItCompletes() throws {
        let text = TrafficFixtures.har([TrafficFixtures.entry(url: "https://a.example/1"), TrafficFixtures.entry()])
        let bytes = Array(text.utf8)
        let firstEnd = try #require(text.utf8.firstIndex(of: UInt8(ascii: "\n")))
        let split = text.utf8.distance(from: text.utf8.startIndex, to: firstEnd)
        var reader = HARReader(file: "calls.har")
        #expect(try reader.consume(bytes[..<(split - 2)]).isEmpty)
        #expect(try reader.consume(bytes[(split - 2)..<split]).map(\.target) == ["/1"])
        #expect(try reader.consume(bytes[split...]).map(\.target) == ["/vendors"])
        #expect(try reader.finish() == [])
    }

    @Test func aByteOrderMarkAndTheVersionAfterTheEntriesAreAccepted() throws {
        let text = #"{"log": {"entries": ["# + TrafficFixtures.entry() + #"], "version": "1.2"}}"#
        let exchanges = try TrafficFixtures.read([0xEF, 0xBB, 0xBF] + Array(text.utf8), as: .har)
        #expect(exchanges.count == 1)
    }

    @Test func aLargeHARIsReadEntryByEntryAsItArrives() throws {
        // 8 MiB of entries made on the fly and fed in 1 MiB chunks: each chunk gives the entries it completes, so
        // nothing waits for the end of the file.
        let body = String(repeating: "{\\\"id\\\":\\\"po_1\\\",\\\"vendor_id\\\":\\\"sup_1\\\"},", count: 20)
        var reader = HARReader(file: "large.har")
        var pending = Array(#"{"log": {"version": "1.2", "entries": ["#.utf8)
        var number = 0
        var counts: [Int] = []
        while counts.count < 8 {
            number += 1
            let url = "https://api.example/purchase-orders?page=\(number)"
            pending += Array((number == 1 ? "" : ",\n").utf8)
            pending += Array(TrafficFixtures.entry(url: url, request: #", "postData": {"text": "\#(body)"}"#).utf8)
            if pending.count >= 1 << 20 {
                counts.append(try reader.consume(pending[..<(1 << 20)]).count)
                pending.removeFirst(1 << 20)
            }
        }
        pending += Array("]}}".utf8)
        let last = try reader.consume(pending).count + (try reader.finish()).count
        #expect(counts.allSatisfy { $0 > 500 }, "\(counts)")
        #expect(counts.reduce(last, +) == number)
    }
}

extension HARReaderTests {
    @Test func contentTheToolDidNotKeepIsMarkedOmittedNotEmpty() throws {
        let entry = TrafficFixtures.entry(
            response:
                #""response": {"status": 200, "headers": [], "content": {"mimeType": "application/json", "size": 127}}"#
        )
        let exchange = try #require(try TrafficFixtures.read(Array(TrafficFixtures.har([entry]).utf8), as: .har).first)
        #expect(exchange.responseBody == nil)
        #expect(exchange.responseBodyOmitted)
    }
}
