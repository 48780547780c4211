import Testing
import Versioning

/// The memory a parsed body may take: records pass well within three times their size, while a body built of
/// nested arrays (more than five times its size: 12 bytes for each container of 2 bytes of text) is refused before it
/// is read whole.
@Suite struct DocumentMemoryLimitTests {
    /// Arrays nested eight deep, `count` times over: about 2 bytes of text per container.
    private static func nestedArrays(_ count: Int) -> [UInt8] {
        Array(("[" + Array(repeating: "[[[[[[[[1]]]]]]]]", count: count).joined(separator: ",") + "]").utf8)
    }

    /// A v2 list of `count` purchase orders.
    private static func records(_ count: Int) -> [UInt8] {
        let item =
            #"{"id":"po_1","number":"PO-1","supplier_id":"sup_1","status":"draft","#
            + #""total":{"amount":"1.50","currency":"USD"},"created_at":"2026-01-01T00:00:00Z"}"#
        return Array(#"{"data":[\#(Array(repeating: item, count: count).joined(separator: ","))]}"#.utf8)
    }

    @Test func nestedArraysBeyondTheLimitAreRefusedAsTooLargeNotMalformed() throws {
        let body = Self.nestedArrays(4_000)
        #expect(throws: Never.self) { try JSONParser.parse(body) }
        do {
            _ = try JSONParser.parse(body, maximumNodeBytes: 4 * body.count)
            Issue.record("a body of nested arrays read within four times its size")
        } catch {
            #expect(error.exceedsMemoryLimit)
            #expect(error.reason.contains("deep nesting or many small values"))
        }
    }

    @Test func recordsReadWellWithinTheLimit() throws {
        let body = Self.records(2_000)
        #expect(throws: Never.self) { try JSONParser.parse(body, maximumNodeBytes: 3 * body.count) }
    }

    @Test func theTranslatorNamesTheLimitAsTheReason() throws {
        let translator = Translator(catalog: try VersionCatalog.bundled(), maximumDocumentBytes: 64 * 1024)
        let plan = translator.requestPlan(from: VersionName("v1")!, to: VersionName("v2")!)
        let body = Array(#"{"vendor_id":"sup_1","lines":"#.utf8) + Self.nestedArrays(4_000) + [UInt8(ascii: "}")]
        #expect(throws: TranslationError.self) {
            try translator.translateRequest(method: "POST", target: "/purchase-orders", body: body, plan: plan)
        }
        do {
            _ = try translator.translateRequest(method: "POST", target: "/purchase-orders", body: body, plan: plan)
        } catch {
            guard case .tooLargeToRead = error else {
                Issue.record("\(error)")
                return
            }
            #expect(error.description.hasPrefix("the body is too large to translate"))
        }
    }
}
