import Foundation
import TestSupport
import Testing
import Versioning

@Suite struct JSONTests {
    private func roundTrip(_ text: String) throws -> String {
        String(decoding: try JSONParser.parse(Array(text.utf8)).bytes, as: UTF8.self)
    }

    @Test(arguments: [
        "{\"total\":{\"amount\":\"99.50\",\"currency\":\"EUR\"},\"id\":\"po_1\"}",
        "[1,-0,0.5,1e10,2.50E-3,-12.0]",
        "{\"z\":1,\"a\":2,\"m\":[true,false,null]}",
        "\"caf\u{e9} \u{1F600}\"",
        "{}", "[]", "\"\"", "0", "null",
    ])
    func compactDocumentsRoundTripUnchanged(text: String) throws {
        #expect(try self.roundTrip(text) == text)
    }

    @Test func whitespaceIsDroppedAndEscapesAreNormalised() throws {
        #expect(try self.roundTrip(" { \"a\" : [ 1 , \"\\u00e9\\/\\ud83d\\ude00\" ] } ") == "{\"a\":[1,\"é/😀\"]}")
        #expect(
            try self.roundTrip("\"line\\nbreak\\ttab\\u0001\\\"q\\\\\"") == "\"line\\nbreak\\ttab\\u0001\\\"q\\\\\""
        )
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "-", "1e", "\"\\x\"", "\"a\u{1}\"", "nul", "[1] 2",
        "{\"a\":1,\"a\":2}", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "{a:1}", "[1 2]", "'a'",
    ])
    func malformedDocumentsAreRejected(text: String) {
        #expect(throws: JSONError.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func invalidUTF8IsRejected() {
        #expect(throws: JSONError.self) { try JSONParser.parse([UInt8(ascii: "\""), 0xFF, UInt8(ascii: "\"")]) }
    }

    @Test func nestingIsBounded() throws {
        let deep =
            String(repeating: "[", count: JSONParser.maximumDepth + 1)
            + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        #expect(throws: JSONError.self) { try JSONParser.parse(Array(deep.utf8)) }
        let allowed =
            String(repeating: "[", count: JSONParser.maximumDepth)
            + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(try self.roundTrip(allowed) == allowed)
    }

    @Test func errorsSayWhereReadingStopped() {
        do {
            _ = try JSONParser.parse(Array("{\"a\":1,}".utf8))
            Issue.record("accepted a trailing comma")
        } catch {
            #expect(error.description == "expected a member name at byte 7")
        }
    }

    @Test func namesCompareAfterTheirEscapesAreDecoded() throws {
        #expect(throws: JSONError.self) { try JSONParser.parse(Array(#"{"a":1,"\u0061":2}"#.utf8)) }
        #expect(try self.roundTrip(#"{"\u0061":"\u0062"}"#) == #"{"a":"b"}"#)
        let many = (0..<20).map { #""k\#($0)":0"# }.joined(separator: ",")
        #expect(throws: JSONError.self) { try JSONParser.parse(Array("{\(many),\"k\\u0031\":1}".utf8)) }
    }

    @Test(arguments: ["12", "-0.5", "1e3"]) func numbersAreNumbers(text: String) {
        #expect(JSONParser.isNumber(text))
    }

    @Test(arguments: ["", "12a", "\"12\"", "true", "01", "[1]"]) func otherTextIsNotANumber(text: String) {
        #expect(!JSONParser.isNumber(text))
    }

    /// The parser's UTF-8 check must agree with the standard library's on random byte strings, biased towards
    /// the lead and continuation bytes where validators go wrong.
    @Test func utf8IsValidatedAsTheStandardLibraryDoes() {
        var generator = SeededGenerator(seed: 7)
        let interesting: [UInt8] = [
            0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x9F, 0xA0, 0x8F,
            0x90,
        ]
        for _ in 0..<20_000 {
            let content = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                interesting.randomElement(using: &generator)!
            }
            let accepted = (try? JSONParser.parse([UInt8(ascii: "\"")] + content + [UInt8(ascii: "\"")])) != nil
            #expect(accepted == (String(validating: content, as: UTF8.self) != nil), "\(content)")
        }
    }

    /// Strings long enough to be scanned a word at a time, with escapes, non-ASCII text and forbidden bytes at
    /// every offset, must read as the byte-at-a-time rules say.
    @Test func stringsReadAlikeWhereverTheirSpecialBytesFall() throws {
        let pieces: [(raw: [UInt8], decoded: String?)] = [
            (Array("a".utf8), "a"), (Array("é".utf8), "é"), (Array(#"\n"#.utf8), "\n"), (Array(#"\""#.utf8), "\""),
            ([0x01], nil), ([0xFF], nil),
        ]
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<3_000 {
            let chosen = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in
                Int.random(in: 0..<10, using: &generator) < 7 ? pieces[0] : pieces.randomElement(using: &generator)!
            }
            let source = [UInt8(ascii: "\"")] + chosen.flatMap(\.raw) + [UInt8(ascii: "\"")]
            let decoded = chosen.map(\.decoded).reduce(Optional("")) { text, piece in
                guard let text, let piece else { return nil }
                return text + piece
            }
            if let decoded {
                #expect(try JSONParser.parse(source).bytes == JSONWriter.bytes(.string(decoded)))
            } else {
                #expect(throws: JSONError.self) { try JSONParser.parse(source) }
            }
        }
    }

    /// Random documents written by us must read the same in Foundation's parser, and back in ours.
    @Test func foundationReadsWhatWeWriteAndWeReadItBack() throws {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<300 {
            let value = Self.randomValue(depth: 0, using: &generator)
            let bytes = JSONWriter.bytes(value)
            #expect(try JSONParser.parse(bytes).bytes == bytes)
            let foundation = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)
            #expect(
                Self.matches(value, foundation),
                "Foundation read \(String(decoding: bytes, as: UTF8.self)) differently"
            )
        }
    }

    private static func randomValue(depth: Int, using generator: inout SeededGenerator) -> JSONValue {
        let strings = ["", "a", "é", "\u{1F600}", "quote\"back\\slash", "ctl\u{1}\n\t", "vendor_id"]
        switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2:
            return .number(["0", "-1", "99.50", "1e3", "12345678901234", "-0.25"].randomElement(using: &generator)!)
        case 3: return .string(strings.randomElement(using: &generator)!)
        case 4:
            return .array(
                (0..<Int.random(in: 0..<4, using: &generator)).map { _ in
                    randomValue(depth: depth + 1, using: &generator)
                }
            )
        default:
            return .object(
                JSONObject(
                    (0..<Int.random(in: 0..<4, using: &generator)).map { index in
                        (
                            "k\(index)\(strings.randomElement(using: &generator)!)",
                            randomValue(depth: depth + 1, using: &generator)
                        )
                    }
                )
            )
        }
    }

    private static func matches(_ value: JSONValue, _ foundation: Any) -> Bool {
        switch value {
        case .null: return foundation is NSNull
        case .bool(let flag):
            return (foundation as? NSNumber).map { String(cString: $0.objCType) == "c" && $0.boolValue == flag }
                ?? false
        case .number(let text): return (foundation as? NSNumber)?.doubleValue == Double(text)
        case .string(let text): return foundation as? String == text
        case .array(let elements):
            guard let array = foundation as? [Any], array.count == elements.count else { return false }
            return zip(elements, array).allSatisfy { matches($0, $1) }
        case .object(let object):
            guard let dictionary = foundation as? [String: Any], dictionary.count == object.members.count else {
                return false
            }
            return object.members.allSatisfy { member in
                dictionary[member.key].map { matches(member.value, $0) } ?? false
            }
        }
    }
}
