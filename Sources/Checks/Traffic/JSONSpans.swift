import Foundation

/// Where the values of one JSON text lie, for a text already known to be valid (Foundation checked it): members
/// come in the order written, numbers keep their digits (`99.50`), and a value can be copied out as the bytes it was
/// written with. Foundation's own results give neither (a dictionary has no order, a number is a `Double`).
///
/// The walk trusts the text; on invalid JSON its answers are meaningless but it stays within the bytes.
struct JSONSpans {
    enum Kind {
        case object
        case array
        case string
        case number
        case boolean
        case null
    }

    let bytes: [UInt8]

    /// The document's value, white space around it left out.
    var root: Range<Int> {
        let start = self.skipWhitespace(from: 0)
        return start..<self.valueEnd(from: start)
    }

    func kind(_ value: Range<Int>) -> Kind {
        switch self.bytes[value.lowerBound] {
        case .openBrace: .object
        case .openBracket: .array
        case .quote: .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): .boolean
        case UInt8(ascii: "n"): .null
        default: .number
        }
    }

    /// The members of the object at `object`, in order (duplicates included).
    func members(_ object: Range<Int>) -> [(name: String, value: Range<Int>)] {
        var members: [(name: String, value: Range<Int>)] = []
        var index = self.skipWhitespace(from: object.lowerBound + 1)
        while index < object.upperBound, self.bytes[index] == .quote {
            let nameEnd = self.valueEnd(from: index)
            let valueStart = self.skipWhitespace(from: self.skipWhitespace(from: nameEnd) + 1)  // past the ':'
            let valueEnd = self.valueEnd(from: valueStart)
            members.append((self.string(index..<nameEnd), valueStart..<valueEnd))
            index = self.skipWhitespace(from: self.skipWhitespace(from: valueEnd) + 1)  // past the ',' or '}'
        }
        return members
    }

    /// The elements of the array at `array`, in order.
    func elements(_ array: Range<Int>) -> [Range<Int>] {
        var elements: [Range<Int>] = []
        var index = self.skipWhitespace(from: array.lowerBound + 1)
        while index < array.upperBound - 1 {
            let end = self.valueEnd(from: index)
            elements.append(index..<end)
            index = self.skipWhitespace(from: self.skipWhitespace(from: end) + 1)
        }
        return elements
    }

    /// The string at `value`, its escapes decoded (by Foundation, when it has any).
    func string(_ value: Range<Int>) -> String {
        let content = self.bytes[(value.lowerBound + 1)..<(value.upperBound - 1)]
        guard content.contains(.backslash) else { return String(decoding: content, as: UTF8.self) }
        let decoded = try? JSONDecoder().decode(String.self, from: Data(self.bytes[value]))
        return decoded ?? String(decoding: content, as: UTF8.self)
    }

    /// The value at `value` as written: a number's digits, `true`.
    func text(_ value: Range<Int>) -> String {
        String(decoding: self.bytes[value], as: UTF8.self)
    }

    /// The value at `value` as compact JSON: the bytes as written, without the white space between tokens.
    func compact(_ value: Range<Int>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(value.count)
        var index = value.lowerBound
        while index < value.upperBound {
            let byte = self.bytes[index]
            if byte == .quote {
                let end = self.valueEnd(from: index)
                output.append(contentsOf: self.bytes[index..<end])
                index = end
            } else {
                if !byte.isJSONWhitespace { output.append(byte) }
                index += 1
            }
        }
        return output
    }

    private func skipWhitespace(from start: Int) -> Int {
        var index = start
        while index < self.bytes.count, self.bytes[index].isJSONWhitespace { index += 1 }
        return index
    }

    /// The end of the value starting at `start`.
    private func valueEnd(from start: Int) -> Int {
        guard start < self.bytes.count else { return start }
        var index = start
        switch self.bytes[start] {
        case .quote:
            index += 1
            while index < self.bytes.count, self.bytes[index] != .quote {
                index += self.bytes[index] == .backslash ? 2 : 1
            }
            return min(index + 1, self.bytes.count)
        case .openBrace, .openBracket:
            var depth = 0
            while index < self.bytes.count {
                switch self.bytes[index] {
                case .quote:
                    index = self.valueEnd(from: index)
                    continue
                case .openBrace, .openBracket:
                    depth += 1
                case .closeBrace, .closeBracket:
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default:
                    break
                }
                index += 1
            }
            return index
        default:
            while index < self.bytes.count {
                let byte = self.bytes[index]
                if byte == .comma || byte == .closeBrace || byte == .closeBracket || byte.isJSONWhitespace { break }
                index += 1
            }
            return index
        }
    }
}
