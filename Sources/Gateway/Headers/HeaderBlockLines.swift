#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of a raw header block (`Name: value\r\n` each, as curl hands them over), with each line's name: the
/// one walk every rewrite of a block uses. Lines without a colon are skipped.
struct HeaderBlockLines: Sequence {
    let raw: UnsafeRawBufferPointer

    init(_ raw: UnsafeRawBufferPointer) {
        self.raw = raw
    }

    /// The lowercased options of the block's `Connection` fields, but for those in `skipped` (names a caller drops
    /// anyway, such as `keep-alive`): usually none, and then nothing is allocated.
    func connectionOptions(skipping skipped: FieldNameSet) -> [String] {
        var options: [String] = []
        for (line, name) in self where HTTPSyntax.nameEquals(name, "connection") {
            for token in ListElements(Self.value(of: line, name: name)) where !token.isEmpty {
                if !skipped.contains(token) { options.append(HTTPSyntax.asciiLowercased(token)) }
            }
        }
        return options
    }

    /// The elements of a comma-separated list value (RFC 9110 §5.6.1), each without the whitespace around it (empty
    /// for an empty element).
    struct ListElements: Sequence, IteratorProtocol {
        var rest: Slice<UnsafeRawBufferPointer>

        init(_ value: Slice<UnsafeRawBufferPointer>) {
            self.rest = value
        }

        mutating func next() -> UnsafeRawBufferPointer? {
            guard !self.rest.isEmpty else { return nil }
            let element = self.rest.prefix { $0 != UInt8(ascii: ",") }
            self.rest = self.rest[Swift.min(element.endIndex + 1, self.rest.endIndex)...]
            return UnsafeRawBufferPointer(rebasing: HTTPSyntax.trimmingOptionalWhitespace(element))
        }
    }

    /// The value of a line whose name is `name`, without the whitespace around it or the line end.
    static func value(of line: UnsafeRawBufferPointer, name: UnsafeRawBufferPointer) -> Slice<UnsafeRawBufferPointer> {
        let value = line[(name.count + 1)...].prefix { $0 != HTTPSyntax.cr && $0 != HTTPSyntax.lf }
        return HTTPSyntax.trimmingOptionalWhitespace(value)
    }

    struct Iterator: IteratorProtocol {
        let raw: UnsafeRawBufferPointer
        var position = 0

        /// Finds line ends and colons with `memchr`: a generic search of the slice was the larger part of a walk.
        mutating func next() -> (line: UnsafeRawBufferPointer, name: UnsafeRawBufferPointer)? {
            guard let base = self.raw.baseAddress else { return nil }
            while self.position < self.raw.count {
                let start = base + self.position
                let remaining = self.raw.count - self.position
                let end =
                    memchr(start, Int32(HTTPSyntax.lf), remaining).map { UnsafeRawPointer($0) + 1 } ?? start + remaining
                self.position = end - base
                let line = UnsafeRawBufferPointer(start: start, count: end - start)
                guard let colon = memchr(start, Int32(HTTPSyntax.colon), line.count) else { continue }
                return (line, UnsafeRawBufferPointer(start: start, count: UnsafeRawPointer(colon) - start))
            }
            return nil
        }
    }

    func makeIterator() -> Iterator { Iterator(raw: self.raw) }
}
