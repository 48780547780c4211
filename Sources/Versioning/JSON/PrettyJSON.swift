/// Writes a ``JSONValue`` indented by two spaces, members in the order they were given, one per line: the same
/// value always gives the same bytes, and a diff of two reports shows what changed.
public enum PrettyJSON {
    /// `value` as indented JSON text, without a final newline.
    public static func text(_ value: JSONValue) -> String {
        var output = ""
        self.write(value, indent: "", into: &output)
        return output
    }

    private static func write(_ value: JSONValue, indent: String, into output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let digits): output += digits
        case .string(let text): self.write(string: text, into: &output)
        case .array(let elements):
            guard !elements.isEmpty else {
                output += "[]"
                return
            }
            output += "[\n"
            for (index, element) in elements.enumerated() {
                output += indent + "  "
                self.write(element, indent: indent + "  ", into: &output)
                output += index == elements.count - 1 ? "\n" : ",\n"
            }
            output += indent + "]"
        case .object(let object):
            guard !object.members.isEmpty else {
                output += "{}"
                return
            }
            output += "{\n"
            for (index, member) in object.members.enumerated() {
                output += indent + "  "
                self.write(string: member.key, into: &output)
                output += ": "
                self.write(member.value, indent: indent + "  ", into: &output)
                output += index == object.members.count - 1 ? "\n" : ",\n"
            }
            output += indent + "}"
        }
    }

    /// A string literal (RFC 8259 §7): quote, backslash and control characters escaped, and U+2028 and U+2029 too,
    /// so that the text is also a valid JavaScript literal; everything else as UTF-8.
    private static func write(string: String, into output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
