/// Rewrites the path of a relative `Location` field in a raw header block (`Location: /suppliers/sup_3`), leaving
/// every other line, and absolute URLs, as they are. A block without a `Location` field comes back untouched.
enum LocationRewriter {
    static func rewrite(_ block: [UInt8], _ transform: (String) -> String) -> [UInt8] {
        block.withUnsafeBytes { raw in
            let lines = HeaderBlockLines(raw)
            // Most responses have no Location: find out without allocating.
            guard lines.contains(where: { HTTPSyntax.nameEquals($0.name, "location") }) else { return block }
            var output: [UInt8] = []
            output.reserveCapacity(raw.count + 16)
            for (line, name) in lines {
                let value = HTTPSyntax.nameEquals(name, "location")
                    ? String(decoding: HeaderBlockLines.value(of: line, name: name), as: UTF8.self) : ""
                guard value.hasPrefix("/") else {
                    output.append(contentsOf: line)
                    continue
                }
                let queryStart = value.firstIndex { $0 == "?" || $0 == "#" } ?? value.endIndex
                output.append(contentsOf: name)
                output.append(contentsOf: ": \(transform(String(value[..<queryStart])))\(value[queryStart...])\r\n".utf8)
            }
            return output
        }
    }
}
