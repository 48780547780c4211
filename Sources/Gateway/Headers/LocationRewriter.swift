/// Rewrites the value of a `Location` field in a raw header block, leaving every other line as it is. A block
/// without a `Location` field, or whose link `transform` leaves alone (nil), comes back untouched.
enum LocationRewriter {
    static func rewrite(_ block: [UInt8], _ transform: (String) -> String?) -> [UInt8] {
        block.withUnsafeBytes { raw in
            let lines = HeaderBlockLines(raw)
            // Most responses have no Location: find out without allocating.
            guard lines.contains(where: { HTTPSyntax.nameEquals($0.name, "location") }) else { return block }
            var output: [UInt8] = []
            output.reserveCapacity(raw.count + 16)
            for (line, name) in lines {
                guard HTTPSyntax.nameEquals(name, "location"),
                    let value = transform(String(decoding: HeaderBlockLines.value(of: line, name: name), as: UTF8.self))
                else {
                    output.append(contentsOf: line)
                    continue
                }
                output.append(contentsOf: name)
                output.append(contentsOf: ": \(value)\r\n".utf8)
            }
            return output
        }
    }
}
