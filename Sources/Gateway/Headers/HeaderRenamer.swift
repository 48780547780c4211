import Versioning

/// Renames fields of a raw header block (`X-Supplier-Region: eu` → `X-Vendor-Region: eu`), values untouched.
enum HeaderRenamer {
    static func rename(_ block: [UInt8], _ renames: [HeaderRename]) -> [UInt8] {
        guard !renames.isEmpty else { return block }
        var output: [UInt8] = []
        output.reserveCapacity(block.count + 16)
        for line in block.split(separator: HTTPSyntax.lf, omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: HTTPSyntax.colon) else { continue }
            let name = String(decoding: line[..<colon], as: UTF8.self)
            output.append(contentsOf: renames.reduce(name) { $1.apply(to: $0) }.utf8)
            output.append(contentsOf: line[colon...])
            output.append(HTTPSyntax.lf)
        }
        return output
    }
}
