import Testing

@testable import Gateway

/// Which bodies are translated: JSON by `Content-Type` (RFC 9110 §8.3, RFC 6839 §3.1), or none declared.
@Suite struct JSONMediaTypeTests {
    @Test(arguments: [
        ("application/json", true),
        ("Application/JSON; charset=utf-8", true),
        (" application/json ;charset=utf-8", true),
        ("application/vnd.erp+json", true),
        ("application/problem+json", true),
        ("APPLICATION/VND.ERP+JSON", true),
        ("application/json+zip", false),
        ("application/pdf", false),
        ("text/csv", false),
        ("application/jsonl", false),
        ("+json", false),
        ("", false),
    ])
    func aValueNamesJSONByTypeOrSuffix(value: String, isJSON: Bool) {
        #expect(JSONMediaType.matches(Array(value.utf8)) == isJSON)
    }

    @Test(arguments: [
        ("Content-Type: application/pdf\r\n", true),
        ("ETag: \"x\"\r\ncontent-type: application/json\r\n", false),
        ("ETag: \"x\"\r\n", false),
    ])
    func aBlockDeclaresAnotherTypeOnlyWhenItNamesOne(block: String, declaresOther: Bool) {
        #expect(JSONMediaType.declaresOther(in: Array(block.utf8)) == declaresOther)
    }

    /// A request's fields, by their first `Content-Type`: none declared is JSON.
    @Test(arguments: [
        ([("Content-Type", "text/csv")], true),
        ([("content-type", "Application/JSON; charset=utf-8"), ("Content-Type", "text/csv")], false),
        ([("Accept", "text/csv")], false),
    ])
    func requestFieldsDeclareAnotherTypeOnlyWhenTheyNameOne(fields: [(String, String)], declaresOther: Bool) {
        #expect(JSONMediaType.declaresOther(in: fields.map { HTTPField($0.0, $0.1) }) == declaresOther)
    }
}
