/// One header field as received or to be sent: the name keeps its case, comparisons ignore it.
public struct HTTPField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// Whether the name is `other`, ignoring ASCII case, without allocating.
    @inlinable
    public func hasName(_ other: String) -> Bool {
        self.name.utf8.count == other.utf8.count && zip(self.name.utf8, other.utf8).allSatisfy { $0 | 0x20 == $1 | 0x20 }
    }
}

extension Array where Element == HTTPField {
    /// The first value of the field named `name`, ignoring case.
    public func first(_ name: String) -> String? {
        self.first { $0.hasName(name) }?.value
    }

    /// Every value of the fields named `name`, in order.
    public func values(_ name: String) -> [String] {
        self.filter { $0.hasName(name) }.map(\.value)
    }

    /// Every comma-separated list element of the fields named `name`, trimmed and lowercased
    /// (`Connection: close, X-Foo` → `["close", "x-foo"]`).
    public func tokens(_ name: String) -> [String] {
        self.values(name).flatMap { value in
            value.split(separator: ",").map { $0.trimmingOptionalWhitespace().lowercased() }.filter { !$0.isEmpty }
        }
    }
}

extension StringProtocol {
    /// The text without HTTP's optional whitespace (spaces and tabs) at either end.
    func trimmingOptionalWhitespace() -> SubSequence {
        let isBlank = { (character: Character) in character == " " || character == "\t" }
        guard let first = self.firstIndex(where: { !isBlank($0) }), let last = self.lastIndex(where: { !isBlank($0) })
        else { return self[self.endIndex...] }
        return self[first...last]
    }
}
