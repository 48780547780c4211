import Checks
import Foundation
import Testing

/// `docs/traffic-format.md`'s examples read as it says.
@Suite struct TrafficFormatDocumentTests {
    /// The fenced blocks of the document whose first line starts with `prefix`.
    static func examples(startingWith prefix: String) throws -> [String] {
        let url = TrafficFixtures.directory.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/traffic-format.md")
        let blocks = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "```")
        return stride(from: 1, to: blocks.count, by: 2).map { blocks[$0] }.filter { $0.hasPrefix(prefix) }
            .map { String($0.drop { $0 != "\n" }.dropFirst()) }
    }

    @Test func theHARExampleReads() throws {
        let example = try #require(try Self.examples(startingWith: "json\n").first)
        let exchanges = try TrafficFixtures.read(example, as: .har)
        #expect(exchanges.map(\.target) == ["/purchase-orders?vendor_id=sup_1&per_page=5"])
        #expect(
            exchanges.first?.responseBody == Array(#"{"results":[{"id":"po_1","vendor_id":"sup_1"}],"count":1}"#.utf8)
        )
    }

    @Test func theJSONLinesExampleReads() throws {
        let example = try #require(try Self.examples(startingWith: "\n{\"method\"").first)
        let exchanges = try TrafficFixtures.read(example, as: .jsonLines)
        #expect(
            exchanges.map(\.target) == [
                "/purchase-orders?vendor_id=sup_1&per_page=5", "/connections/con_1/sync", "/inventory/inv_1",
            ]
        )
        #expect(exchanges[1].requestBody == Array(#"{"full":true,"entity":"purchase_orders"}"#.utf8))
        #expect(exchanges[2].responseBody == Array(#"{"id":"inv_1","quantity_on_hand":140}"#.utf8))
    }
}
