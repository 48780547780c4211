/// Rewrites the path of a relative `Location` field in a raw header block (`Location: /suppliers/sup_3`), leaving
/// every other line, and absolute URLs, as they are. A block without a `Location` field comes back untouched.
enum LocationRewriter {
    static func rewrite(_ block: [UInt8], _ transform: (String) -> String) -> [UInt8] {
        guard self.hasLocation(block) else { return block }
        let lines = block.split(separator: HTTPSyntax.lf, omittingEmptySubsequences: true)
        var output: [UInt8] = []
        output.reserveCapacity(block.count + 16)
        for line in lines {
            guard let colon = line.firstIndex(of: HTTPSyntax.colon), HTTPSyntax.asciiLowercased(line[..<colon]) == "location"
            else {
                output.append(contentsOf: line)
                output.append(HTTPSyntax.lf)
                continue
            }
            var value = String(decoding: line[(colon + 1)...], as: UTF8.self)[...]
            while let first = value.first, first == " " || first == "\t" { value.removeFirst() }
            while let last = value.last, last == "\r" || last == " " || last == "\t" { value.removeLast() }
            guard value.hasPrefix("/") else {
                output.append(contentsOf: line)
                output.append(HTTPSyntax.lf)
                continue
            }
            let queryStart = value.firstIndex { $0 == "?" || $0 == "#" } ?? value.endIndex
            output.append(contentsOf: line[..<colon])
            output.append(contentsOf: ": \(transform(String(value[..<queryStart])))\(value[queryStart...])\r\n".utf8)
        }
        return output
    }

    /// Whether a line of the block is a `Location` field: a scan without allocation, since most responses have none.
    private static func hasLocation(_ block: [UInt8]) -> Bool {
        block.withUnsafeBytes { raw in
            var lineStart = 0
            while lineStart < raw.count {
                let end = raw[lineStart...].firstIndex(of: HTTPSyntax.lf) ?? raw.count
                if end - lineStart > 9, raw[lineStart + 8] == HTTPSyntax.colon,
                    HTTPSyntax.nameEquals(UnsafeRawBufferPointer(rebasing: raw[lineStart..<(lineStart + 8)]), "location")
                {
                    return true
                }
                lineStart = end + 1
            }
            return false
        }
    }
}
