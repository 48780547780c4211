/// The lines of a raw header block (`Name: value\r\n` each, as curl hands them over), with each line's name: the
/// one walk every rewrite of a block uses. Lines without a colon are skipped.
struct HeaderBlockLines: Sequence {
    let raw: UnsafeRawBufferPointer

    init(_ raw: UnsafeRawBufferPointer) {
        self.raw = raw
    }

    /// The lowercased options of the block's `Connection` fields, but for those in `skipped` (names a caller drops
    /// anyway, such as `keep-alive`): usually none, and then nothing is allocated.
    func connectionOptions(skipping skipped: Set<String>) -> [String] {
        var options: [String] = []
        for (line, name) in self where HTTPSyntax.nameEquals(name, "connection") {
            var rest = Self.value(of: line, name: name)
            while !rest.isEmpty {
                let element = rest.prefix { $0 != UInt8(ascii: ",") }
                rest = rest[Swift.min(element.endIndex + 1, rest.endIndex)...]
                let token = UnsafeRawBufferPointer(rebasing: HTTPSyntax.trimmingOptionalWhitespace(element))
                guard !token.isEmpty, !skipped.contains(where: { HTTPSyntax.nameEquals(token, $0) }) else { continue }
                options.append(HTTPSyntax.asciiLowercased(token))
            }
        }
        return options
    }

    /// The value of a line whose name is `name`, without the whitespace around it or the line end.
    static func value(of line: UnsafeRawBufferPointer, name: UnsafeRawBufferPointer) -> Slice<UnsafeRawBufferPointer> {
        let value = line[(name.count + 1)...].prefix { $0 != HTTPSyntax.cr && $0 != HTTPSyntax.lf }
        return HTTPSyntax.trimmingOptionalWhitespace(value)
    }

    struct Iterator: IteratorProtocol {
        let raw: UnsafeRawBufferPointer
        var position = 0

        mutating func next() -> (line: UnsafeRawBufferPointer, name: UnsafeRawBufferPointer)? {
            while self.position < self.raw.count {
                let start = self.position
                let end = self.raw[start...].firstIndex(of: HTTPSyntax.lf).map { $0 + 1 } ?? self.raw.count
                self.position = end
                let line = UnsafeRawBufferPointer(rebasing: self.raw[start..<end])
                guard let colon = line.firstIndex(of: HTTPSyntax.colon) else { continue }
                return (line, UnsafeRawBufferPointer(rebasing: line[0..<colon]))
            }
            return nil
        }
    }

    func makeIterator() -> Iterator { Iterator(raw: self.raw) }
}
