/// A member name as changes look it up in documents: its text and its UTF-8 bytes, prepared once when a manifest is
/// read rather than on each of the thousands of comparisons a list translation makes. A class, so that passing one
/// around a list's items counts one reference rather than one for each of its three buffers.
public final class MemberName: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    let utf8: [UInt8]
    /// The name as a JSON string token, `"name"`: what a raw body holds where a member of this name is (names hold
    /// nothing JSON must escape).
    let quoted: [UInt8]

    public static func == (lhs: MemberName, rhs: MemberName) -> Bool { lhs === rhs || lhs.text == rhs.text }

    public func hash(into hasher: inout Hasher) { hasher.combine(self.text) }

    init(_ text: String) {
        self.text = text
        self.utf8 = Array(text.utf8)
        self.quoted = [UInt8(ascii: "\"")] + self.utf8 + [UInt8(ascii: "\"")]
    }

    public var description: String { self.text }
}
