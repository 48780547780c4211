/// Rewrites the values of one field in a raw header block (`Location`, `ETag`), leaving every other line as it is.
/// A block without that field, or whose values `transform` leaves alone (nil), comes back untouched.
enum FieldValueRewriter {
    /// - Parameters:
    ///   - canonicalName: the field's name in lowercase.
    ///   - droppingUnchanged: whether a line `transform` leaves alone goes, rather than stays as it was.
    static func rewrite(
        _ block: [UInt8],
        field canonicalName: String,
        droppingUnchanged: Bool = false,
        _ transform: (String) -> String?
    ) -> [UInt8] {
        self.rewriteBytes(block, field: canonicalName, droppingUnchanged: droppingUnchanged) { value in
            transform(String(decoding: value, as: UTF8.self)).map { Array($0.utf8) }
        }
    }

    /// As ``rewrite(_:field:droppingUnchanged:_:)``, with values as UTF-8 bytes: for a field rewritten on every
    /// response (`ETag`), which need not become a string.
    static func rewriteBytes(
        _ block: [UInt8],
        field canonicalName: String,
        droppingUnchanged: Bool = false,
        _ transform: (UnsafeRawBufferPointer) -> [UInt8]?
    ) -> [UInt8] {
        block.withUnsafeBytes { raw in
            let lines = HeaderBlockLines(raw)
            // Most responses lack the field: find out without allocating.
            guard lines.contains(where: { HTTPSyntax.nameEquals($0.name, canonicalName) }) else { return block }
            var output: [UInt8] = []
            // Room for a longer value, and for a line or two a later rewrite of the block may add.
            output.reserveCapacity(raw.count + 64)
            for (line, name) in lines {
                guard HTTPSyntax.nameEquals(name, canonicalName),
                    let value = transform(
                        UnsafeRawBufferPointer(rebasing: HeaderBlockLines.value(of: line, name: name))
                    )
                else {
                    if !droppingUnchanged || !HTTPSyntax.nameEquals(name, canonicalName) {
                        output.append(contentsOf: line)
                    }
                    continue
                }
                output.append(contentsOf: name)
                output.append(contentsOf: ": ".utf8)
                output.append(contentsOf: value)
                output.append(contentsOf: "\r\n".utf8)
            }
            return output
        }
    }
}
