import Versioning

/// Renames fields of a raw header block (`X-Supplier-Region: eu` → `X-Vendor-Region: eu`), values untouched.
enum HeaderRenamer {
    /// - Parameter fired: gains the change of each rename that found its field.
    static func rename(_ block: [UInt8], _ renames: [HeaderRename], fired: inout FiredChanges) -> [UInt8] {
        guard !renames.isEmpty else { return block }
        return block.withUnsafeBytes { raw in
            var output: [UInt8] = []
            output.reserveCapacity(raw.count + 16)
            for (line, name) in HeaderBlockLines(raw) {
                let renamed = renames.apply(to: String(decoding: name, as: UTF8.self), fired: &fired)
                output.append(contentsOf: renamed.utf8)
                output.append(contentsOf: line[name.count...])
            }
            return output
        }
    }
}
