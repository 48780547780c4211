/// A request's path (without query) as change scopes match it, in one version's terms, and as the usage ledger
/// names it.
///
/// Its segments are what follows the path's first `/`, read as an upstream that normalizes paths reads them, so that
/// a scope meets every spelling of its endpoint such an upstream serves, and no request gets only part of a
/// version's changes (its unscoped ones): empty segments (`//`, a trailing `/`) and `.` segments are skipped, `..`
/// takes back the segment before it (RFC 3986 §5.2.4), and percent-encoded unreserved characters are read decoded
/// (RFC 3986 §6.2.2.2: `%70` is `p`). `/` has none. A path written plainly, the usual case, is walked in place, so
/// that checking a request against every scope of a step allocates nothing.
public struct RequestPath: Sendable, Equatable {
    public let text: Substring
    /// The segments as read, for a path not written plainly; nil for one whose segments are read in place.
    private let normalized: [Substring]?

    public init(_ text: Substring) {
        self.text = text
        self.normalized = Self.isPlain(text) ? nil : Self.normalizedSegments(of: text)
    }

    public init(_ text: String) {
        self.init(text[...])
    }

    /// The first segment as read; nil for a path with none (`/`).
    public var firstSegment: Substring? {
        if let normalized { return normalized.first }
        guard let path = self.plainSegments else { return nil }
        return path[..<(path.utf8.firstIndex(of: UInt8(ascii: "/")) ?? path.endIndex)]
    }

    /// Whether the path has more than one segment.
    public var hasSegmentsAfterFirst: Bool {
        if let normalized { return normalized.count > 1 }
        return self.plainSegments?.utf8.contains(UInt8(ascii: "/")) ?? false
    }

    /// Whether `template` matches all of the path's segments: as many, each literal the same characters, byte for
    /// byte (RFC 3986 §6.2.1), and each placeholder non-empty.
    public func matches(_ template: PathTemplate) -> Bool {
        if let normalized {
            guard normalized.count == template.segments.count else { return false }
            return zip(template.segments, normalized).allSatisfy { expected, segment in
                var segment = segment
                return segment.withUTF8 { Self.matches(expected, $0) }
            }
        }
        guard var path = self.plainSegments else { return template.segments.isEmpty }
        return path.withUTF8 { path in
            var start = 0
            for (position, expected) in template.segments.enumerated() {
                var end = start
                while end < path.count, path[end] != UInt8(ascii: "/") { end += 1 }
                guard Self.matches(expected, UnsafeBufferPointer(rebasing: path[start..<end])) else { return false }
                // The path's segments end where the template's do, or it has more.
                guard end < path.count else { return position == template.segments.count - 1 }
                start = end + 1
            }
            return false
        }
    }

    /// A plain path's segments as written: what follows its first `/`; nil when it has none.
    private var plainSegments: Substring? {
        guard self.text != "/", let slash = self.text.utf8.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        return self.text[self.text.utf8.index(after: slash)...]
    }

    private static func matches(_ expected: PathTemplate.Segment, _ segment: UnsafeBufferPointer<UInt8>) -> Bool {
        switch expected {
        case .literal(let text): text.utf8.elementsEqual(segment)
        case .placeholder: !segment.isEmpty
        }
    }

    /// Whether the path's segments read as written: after its first `/`, no empty or dot segment and no escape.
    static func isPlain(_ text: Substring) -> Bool {
        guard let slash = text.utf8.firstIndex(of: UInt8(ascii: "/")) else { return true }
        var previous = UInt8(ascii: "/")
        for byte in text.utf8[text.utf8.index(after: slash)...] {
            if byte == UInt8(ascii: "%") { return false }
            if previous == UInt8(ascii: "/"), byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".") { return false }
            previous = byte
        }
        // A trailing slash ends in an empty segment; `/` alone has none.
        return previous != UInt8(ascii: "/") || text == "/"
    }

    /// The segments after the first `/`, normalized (see the type's description).
    static func normalizedSegments(of text: Substring) -> [Substring] {
        guard let slash = text.utf8.firstIndex(of: UInt8(ascii: "/")) else { return [] }
        var segments: [Substring] = []
        // At each `/` byte, as a plain path is walked: a combining mark after a `/` does not hide it.
        let rest = text.utf8[text.utf8.index(after: slash)...]
        for written in rest.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            let segment = Self.decodingUnreserved(Substring(written))
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        return segments
    }

    /// Whether the path's last segment as written names a directory: it is empty (a trailing `/`), `.` or `..`, once
    /// decoded (`%2E` is `.`).
    static func endsInDirectory(_ text: Substring) -> Bool {
        let last = text[(text.lastIndex(of: "/").map(text.index(after:)) ?? text.startIndex)...]
        return ["", ".", ".."].contains(Self.decodingUnreserved(last))
    }

    /// `segment` with its percent-encoded unreserved characters (`ALPHA / DIGIT / - . _ ~`, RFC 3986 §2.3) decoded;
    /// other escapes stay as written.
    private static func decodingUnreserved(_ segment: Substring) -> Substring {
        guard segment.utf8.contains(UInt8(ascii: "%")) else { return segment }
        var bytes: [UInt8] = []
        var rest = segment.utf8[...]
        while let byte = rest.popFirst() {
            if byte == UInt8(ascii: "%"), rest.count >= 2,
                let high = URIOctet.hexValue(rest[rest.startIndex]),
                let low = URIOctet.hexValue(rest[rest.index(after: rest.startIndex)]),
                URIOctet.isUnreserved(high << 4 | low)
            {
                bytes.append(high << 4 | low)
                rest = rest.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return Substring(decoding: bytes, as: UTF8.self)
    }
}
