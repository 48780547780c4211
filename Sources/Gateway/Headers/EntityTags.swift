import Versioning

/// Each version's representation gets its own entity tag (RFC 9110 §8.8.3): a translated response's `ETag` is the
/// upstream's with the served version appended inside the quotes (`"po1-rev7"` → `"po1-rev7.vg-v1"`; weak stays
/// weak), and the tags a client sends back in `If-None-Match` and `If-Match` lose that mark before they go
/// upstream, so conditional requests (`304`, `412`) work in every version.
///
/// A client that accepts gzip may get the body gzip-coded (see ``ClientCoding``), another representation again:
/// its tags carry `-gz` after the version (`"po1-rev7.vg-v1-gz"`). The mark follows the client's
/// `Accept-Encoding`, not the coding of one response, so the `304` a client's cached tag earns repeats that tag.
///
/// Pure: functions of field values.
enum EntityTags {
    /// The upstream's `ETag` value as a client of `version` gets it; nil for a value that is no entity tag.
    static func clientTag(_ upstreamTag: String, version: VersionName, acceptsGzip: Bool) -> String? {
        guard let tag = self.tags(in: upstreamTag[...]).first, tag.range.upperBound == upstreamTag.endIndex else {
            return nil
        }
        let mark = acceptsGzip ? self.gzipMark(version) : self.mark(version)
        return "\(tag.weak ? "W/" : "")\"\(tag.opaque)\(mark)\""
    }

    /// A client's list of tags (`"a.vg-v1", W/"b.vg-v1"` or `*`) as the upstream knows them: the mark of
    /// `version` removed where present, everything else as sent.
    static func upstreamTags(_ clientValue: String, version: VersionName) -> String {
        let marks = [self.gzipMark(version), self.mark(version)]
        let tags = self.tags(in: clientValue[...])
        guard tags.contains(where: { tag in marks.contains { tag.opaque.hasSuffix($0) } }) else { return clientValue }
        return tags.map { tag in
            let mark = marks.first { tag.opaque.hasSuffix($0) }
            return "\(tag.weak ? "W/" : "")\"\(tag.opaque.dropLast(mark?.count ?? 0))\""
        }.joined(separator: ", ")
    }

    private static func mark(_ version: VersionName) -> String { ".vg-\(version)" }

    private static func gzipMark(_ version: VersionName) -> String { ".vg-\(version)-gz" }

    /// The entity tags of a field value (RFC 9110 §8.8.3: `W/"…"` or `"…"`, comma-separated); a value that
    /// breaks the grammar yields the tags before the break.
    private static func tags(in value: Substring) -> [(weak: Bool, opaque: Substring, range: Range<String.Index>)] {
        var tags: [(weak: Bool, opaque: Substring, range: Range<String.Index>)] = []
        var rest = value
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "," }
            guard !rest.isEmpty else { return tags }
            let start = rest.startIndex
            let weak = rest.hasPrefix("W/")
            if weak { rest = rest.dropFirst(2) }
            guard rest.first == "\"" else { return tags }
            let opaqueStart = rest.index(after: rest.startIndex)
            guard let close = rest[opaqueStart...].firstIndex(of: "\"") else { return tags }
            tags.append((weak, rest[opaqueStart..<close], start..<rest.index(after: close)))
            rest = rest[rest.index(after: close)...]
        }
    }
}
