/// A JSON document as a translation rewrites it: containers are nodes, but scalars and member names stay slices of
/// the text they were read from. A member nothing touches is never decoded and is written back as the very bytes
/// it arrived as (but for insignificant whitespace), so `99.50` stays `99.50`, order is kept, and most of a body
/// costs a copy rather than a decode and an encode.
///
/// The text is the parsed body followed by whatever the translation wrote (a converted date, a renamed member's
/// name), so every span indexes one buffer.
public struct JSONDocument: Sendable {
    var text: JSONText
    var root: JSONNode

    init(text: JSONText, root: JSONNode) {
        self.text = text
        self.root = root
    }

    /// The document as compact JSON.
    public var bytes: [UInt8] {
        JSONWriter.bytes(self)
    }
}

/// A range of a document's text: a scalar as JSON (a string with its quotes), or a member name without them.
/// Member names and strings are kept in canonical form: a source string with escapes is decoded and re-encoded as
/// ``JSONWriter`` writes strings, so that names compare byte for byte.
struct JSONSpan: Sendable, Equatable {
    var start: UInt32
    var end: UInt32

    var count: Int { Int(self.end &- self.start) }
    var range: Range<Int> { Int(self.start)..<Int(self.end) }
}

/// One value of a ``JSONDocument``.
enum JSONNode: Sendable {
    /// A string (quoted), number, `true`, `false` or `null`, as JSON text.
    case scalar(JSONSpan)
    case array([JSONNode])
    case object([Member])

    /// One member of an object: its name (without quotes) and its value.
    struct Member: Sendable {
        var name: JSONSpan
        var value: JSONNode
    }
}
