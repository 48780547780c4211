import Versioning

/// Renames fields of a raw header block (`X-Supplier-Region: eu` → `X-Vendor-Region: eu`), values untouched.
enum HeaderRenamer {
    static func rename(_ block: [UInt8], _ renames: [HeaderRename]) -> [UInt8] {
        guard !renames.isEmpty else { return block }
        return block.withUnsafeBytes { raw in
            var output: [UInt8] = []
            output.reserveCapacity(raw.count + 16)
            for (line, name) in HeaderBlockLines(raw) {
                output.append(contentsOf: renames.apply(to: String(decoding: name, as: UTF8.self)).utf8)
                output.append(contentsOf: line[name.count...])
            }
            return output
        }
    }
}
