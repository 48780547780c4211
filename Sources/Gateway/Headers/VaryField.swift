/// The `Vary` field of a raw response header block (RFC 9110 §12.5.5): the request fields the response depends on.
enum VaryField {
    /// Makes `block`'s `Vary` list `name`: it stays as it is when a `Vary` line already names it (in any case) or is
    /// `*`, and gains a `Vary: name` line otherwise (several `Vary` lines make one list, RFC 9110 §5.3). In place,
    /// so that a block no one else holds is not copied.
    static func add(_ name: String, to block: inout [UInt8]) {
        let canonical = HTTPSyntax.asciiLowercased(name)
        let listed = block.withUnsafeBytes { raw in
            HeaderBlockLines(raw).contains { line, fieldName in
                guard HTTPSyntax.nameEquals(fieldName, "vary") else { return false }
                return HeaderBlockLines.ListElements(HeaderBlockLines.value(of: line, name: fieldName)).contains {
                    $0.elementsEqual("*".utf8) || HTTPSyntax.nameEquals($0, canonical)
                }
            }
        }
        guard !listed else { return }
        block.append(contentsOf: "Vary: ".utf8)
        block.append(contentsOf: name.utf8)
        block.append(contentsOf: "\r\n".utf8)
    }
}
