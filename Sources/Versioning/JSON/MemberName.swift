/// A member name as changes look it up in documents: its text and its UTF-8 bytes, prepared once when a manifest is
/// read rather than on each of the thousands of comparisons a list translation makes.
public struct MemberName: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    let utf8: [UInt8]

    public static func == (lhs: MemberName, rhs: MemberName) -> Bool { lhs.text == rhs.text }

    public func hash(into hasher: inout Hasher) { hasher.combine(self.text) }

    init(_ text: String) {
        self.text = text
        self.utf8 = Array(text.utf8)
    }

    public var description: String { self.text }
}
