import Checks
import Foundation
import Testing
import Versioning

/// The check on real recorded traffic: mitmproxy's HAR of a v1 client that exercises every v1 → v2 change, and the
/// same exchanges written as JSON lines, must both hit all of them, with the same counts.
@Suite struct RecordedTrafficCheckTests {
    private static func check(_ exchanges: [RecordedExchange]) throws -> MigrationCheckResult {
        var check = try MigrationCheck(
            catalog: try VersionCatalog.bundled(),
            from: VersionName("v1")!,
            to: VersionName("v2")!
        )
        for exchange in exchanges { check.examine(exchange) }
        return check.result(files: ["recorded"])
    }

    /// An exchange as a line of JSON lines (docs/traffic-format.md): headers as name/value arrays, bodies as text.
    private static func jsonLine(_ exchange: RecordedExchange) throws -> String {
        func fields(_ fields: [RecordedField]) -> [[String: String]] {
            fields.map { ["name": $0.name, "value": $0.value] }
        }
        var line: [String: Any] = [
            "method": exchange.method,
            "url": exchange.target,
            "request_headers": fields(exchange.requestFields),
            "response_headers": fields(exchange.responseFields),
        ]
        if let status = exchange.status { line["status"] = status }
        if let body = exchange.requestBody { line["request_body"] = String(decoding: body, as: UTF8.self) }
        if let body = exchange.responseBody { line["response_body"] = String(decoding: body, as: UTF8.self) }
        return String(decoding: try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func theRecordedHARHitsEveryChangeOfV2() throws {
        let result = try Self.check(try MitmproxyHARTests.exchanges())
        let v2 = try VersionCatalog.bundled()[VersionName("v2")!]!
        #expect(result.hits.map(\.change.change.id) == v2.changes.map(\.id))
        #expect(result.unplaced.count == 3)
        #expect(result.unreadableBodies == 0)
    }

    @Test func theSameTrafficAsJSONLinesGivesTheSameResult() throws {
        let exchanges = try MitmproxyHARTests.exchanges()
        let lines = try exchanges.map(Self.jsonLine).joined(separator: "\n")
        var reader = JSONLinesReader(file: "recorded")
        let read = try reader.consume(Array(lines.utf8)) + reader.finish()
        #expect(read.count == exchanges.count)
        let fromHAR = try Self.check(exchanges)
        let fromLines = try Self.check(read)
        #expect(fromLines.outcomes.map(\.requests) == fromHAR.outcomes.map(\.requests))
        #expect(fromLines.hits.map(\.change.change.id) == fromHAR.hits.map(\.change.change.id))
    }
}
