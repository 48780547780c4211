/// The `Vary` field of a raw response header block (RFC 9110 §12.5.5): the request fields the response depends on.
enum VaryField {
    /// `block` whose `Vary` lists `name`: as it is when a `Vary` line already names it (in any case) or is `*`, and
    /// with a `Vary: name` line added otherwise (several `Vary` lines make one list, RFC 9110 §5.3).
    static func adding(_ name: String, to block: [UInt8]) -> [UInt8] {
        let canonical = HTTPSyntax.asciiLowercased(name)
        let listed = block.withUnsafeBytes { raw in
            HeaderBlockLines(raw).contains { line, fieldName in
                guard HTTPSyntax.nameEquals(fieldName, "vary") else { return false }
                return HeaderBlockLines.ListElements(HeaderBlockLines.value(of: line, name: fieldName)).contains {
                    $0.elementsEqual("*".utf8) || HTTPSyntax.nameEquals($0, canonical)
                }
            }
        }
        guard !listed else { return block }
        var added = block
        added.append(contentsOf: "Vary: ".utf8)
        added.append(contentsOf: name.utf8)
        added.append(contentsOf: "\r\n".utf8)
        return added
    }
}
