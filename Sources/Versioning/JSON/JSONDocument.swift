/// A JSON document as a translation rewrites it: scalars and member names stay slices of the text they were read
/// from, and containers are ranges of two flat stores, one of object members and one of array elements. A member
/// nothing touches is never decoded and is written back as the very bytes it arrived as (but for insignificant
/// whitespace), so `99.50` stays `99.50`, order is kept, and most of a body costs a copy rather than a decode and
/// an encode.
///
/// Nodes hold no references: reading, moving and rewriting them counts no references and allocates nothing but
/// the stores' growth. (Nested Swift arrays cost a retain and a release for each container a rewrite looked into.)
///
/// The text is the parsed body followed by whatever the translation wrote (a converted date, a renamed member's
/// name), so every span indexes one buffer.
public struct JSONDocument: Sendable {
    var text: JSONText
    var root: JSONNode
    /// Every object's members, each object's consecutive (``JSONNode/object(_:)``).
    var members: [JSONNode.Member]
    /// Every array's elements, each array's consecutive (``JSONNode/array(_:)``).
    var elements: [JSONNode]

    init(text: JSONText, root: JSONNode, members: [JSONNode.Member], elements: [JSONNode]) {
        self.text = text
        self.root = root
        self.members = members
        self.elements = elements
    }

    /// A document that is an empty object, for changes to fill in.
    init(emptyObjectOver text: JSONText) {
        self.init(text: text, root: .object(JSONRange(start: 0, count: 0)), members: [], elements: [])
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

/// A container's values in a document's store: `count` consecutive members or elements from `start`.
struct JSONRange: Sendable, Equatable {
    var start: UInt32
    var count: UInt32

    var indices: Range<Int> { Int(self.start)..<(Int(self.start) + Int(self.count)) }
}

/// One value of a ``JSONDocument``.
enum JSONNode: Sendable, Equatable {
    /// A string (quoted), number, `true`, `false` or `null`, as JSON text.
    case scalar(JSONSpan)
    /// Elements in ``JSONDocument/elements``.
    case array(JSONRange)
    /// Members in ``JSONDocument/members``.
    case object(JSONRange)

    /// One member of an object: its name (without quotes) and its value.
    struct Member: Sendable, Equatable {
        var name: JSONSpan
        var value: JSONNode
    }
}

/// Where a document holds a node: as its root, as the value of a member, or as an element (by position in the
/// document's stores). An object that grows moves its members to the end of the store, so a change that alters an
/// object reaches it through its slot, where the object's new range is written.
enum JSONSlot: Sendable, Equatable {
    case root
    case member(Int)
    case element(Int)
}

extension JSONDocument {
    subscript(slot: JSONSlot) -> JSONNode {
        get {
            switch slot {
            case .root: self.root
            case .member(let index): self.members[index].value
            case .element(let index): self.elements[index]
            }
        }
        set {
            switch slot {
            case .root: self.root = newValue
            case .member(let index): self.members[index].value = newValue
            case .element(let index): self.elements[index] = newValue
            }
        }
    }
}
