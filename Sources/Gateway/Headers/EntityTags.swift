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
    /// An `If-Match` value no upstream tag equals: for a client whose tags are all of other representations.
    static let unmatchable = #""vg-no-representation-matches""#

    /// The upstream's `ETag` value (its UTF-8 bytes) as a client of `version` gets it; nil for a value that is not
    /// one entity tag.
    static func clientTag(_ upstreamTag: UnsafeRawBufferPointer, version: VersionName, acceptsGzip: Bool) -> [UInt8]? {
        var count = 0
        var only: (weak: Bool, opaque: UnsafeRawBufferPointer)?
        let complete = self.forEachTag(in: upstreamTag) { weak, opaque in
            count += 1
            only = (weak, opaque)
        }
        guard complete, count == 1, let (weak, opaque) = only else { return nil }
        return self.tag(weak: weak, opaque, mark: self.mark(version, acceptsGzip: acceptsGzip))
    }

    /// A client's `If-None-Match` or `If-Match` value as the upstream knows it: `*` as sent, else the tags of the
    /// representation this client gets (this version's mark, for its coding) without the mark. Tags of other
    /// versions or codings, or the upstream's own, can never match what this client is served, so they go; nil
    /// when none remains or the value breaks the grammar (RFC 9110 §13.1.1–2). The caller decides what nil means:
    /// `If-None-Match` then holds (the field goes), `If-Match` fails (``unmatchable``).
    static func upstreamCondition(_ clientValue: String, version: VersionName, acceptsGzip: Bool) -> String? {
        if clientValue.trimmingOWS == "*" { return "*" }
        let mark = self.mark(version, acceptsGzip: acceptsGzip)
        var kept: [String] = []
        var value = clientValue
        let complete = value.withUTF8 { bytes in
            self.forEachTag(in: UnsafeRawBufferPointer(bytes)) { weak, opaque in
                guard opaque.count >= mark.count, opaque.suffix(mark.count).elementsEqual(mark) else { return }
                let unmarked = UnsafeRawBufferPointer(rebasing: opaque.dropLast(mark.count))
                kept.append(String(decoding: self.tag(weak: weak, unmarked, mark: []), as: UTF8.self))
            }
        }
        guard complete, !kept.isEmpty else { return nil }
        return kept.joined(separator: ", ")
    }

    /// An entity tag as a field holds it: `W/"…"` or `"…"`, with `mark` after the opaque part.
    private static func tag(weak: Bool, _ opaque: UnsafeRawBufferPointer, mark: [UInt8]) -> [UInt8] {
        var tag: [UInt8] = []
        tag.reserveCapacity(opaque.count + mark.count + 4)
        if weak { tag.append(contentsOf: "W/".utf8) }
        tag.append(UInt8(ascii: "\""))
        tag.append(contentsOf: opaque)
        tag.append(contentsOf: mark)
        tag.append(UInt8(ascii: "\""))
        return tag
    }

    /// `etagc` (RFC 9110 §8.8.3): visible ASCII but `"`, or obs-text; no whitespace or controls. By UTF-8 byte: every
    /// byte of a non-ASCII character is 0x80 or more.
    private static func isEntityTagByte(_ byte: UInt8) -> Bool {
        byte == 0x21 || (0x23...0x7E).contains(byte) || byte >= 0x80
    }

    private static func mark(_ version: VersionName, acceptsGzip: Bool) -> [UInt8] {
        Array((".vg-" + version.description + (acceptsGzip ? "-gz" : "")).utf8)
    }

    /// Calls `body` with each entity tag of a field value's UTF-8 bytes (RFC 9110 §8.8.3: `W/"…"` or `"…"`,
    /// comma-separated), as whether it is weak and its opaque part; returns whether the whole value follows that
    /// grammar (when it breaks, `body` has seen the tags before the break). Every delimiter is ASCII, so each tag is
    /// sliced where its characters begin and end.
    private static func forEachTag(
        in bytes: UnsafeRawBufferPointer,
        _ body: (_ weak: Bool, _ opaque: UnsafeRawBufferPointer) -> Void
    ) -> Bool {
        var index = 0
        var first = true
        while true {
            var separated = false
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x2C {
                separated = separated || bytes[index] == 0x2C
                index += 1
            }
            guard index < bytes.count else { return true }
            // List elements are separated by commas (RFC 9110 §5.6.1), not by whitespace alone.
            guard first || separated else { return false }
            let weak = bytes[index...].starts(with: "W/".utf8)
            if weak { index += 2 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return false }
            let opaqueStart = index + 1
            guard let close = bytes[opaqueStart...].firstIndex(of: UInt8(ascii: "\"")),
                bytes[opaqueStart..<close].allSatisfy(Self.isEntityTagByte)
            else { return false }
            body(weak, UnsafeRawBufferPointer(rebasing: bytes[opaqueStart..<close]))
            first = false
            index = close + 1
        }
    }
}

extension String {
    /// Without the optional whitespace around it (RFC 9110 §5.6.3).
    fileprivate var trimmingOWS: Substring {
        let isOWS: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let start = self.drop(while: isOWS)
        return start.dropLast(start.reversed().prefix(while: isOWS).count)
    }
}
