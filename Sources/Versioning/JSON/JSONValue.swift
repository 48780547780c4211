/// A JSON document as translations need it: object members keep their order and numbers keep the digits they
/// were written with (`99.50` stays `99.50`), so that a body passes through a change it does not concern unaltered
/// but for insignificant whitespace.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number as written in the document.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// One member of a JSON object. A struct rather than a tuple: arrays of tuples copy through the runtime's
/// generic value witnesses, measured at a tenth of a translation's time.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue
}

/// A JSON object: members in document order, keys unique.
///
/// Equality compares members in order, which is what a translation must preserve.
public struct JSONObject: Sendable, Equatable {
    public private(set) var members: [JSONMember]

    public init(_ members: [(String, JSONValue)] = []) {
        self.members = members.map { JSONMember(key: $0.0, value: $0.1) }
    }

    public var keys: [String] { self.members.map(\.key) }

    /// The member named `key`; setting replaces it in place, adds it at the end if new, or removes it when nil.
    public subscript(key: String) -> JSONValue? {
        get { self.members.first { $0.key == key }?.value }
        set {
            let index = self.members.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): self.members[index].value = value
            case (nil, let value?): self.members.append(JSONMember(key: key, value: value))
            case (let index?, nil): self.members.remove(at: index)
            case (nil, nil): break
            }
        }
    }

    mutating func reserveCapacity(_ count: Int) {
        self.members.reserveCapacity(count)
    }

    /// Adds a member at the end without looking for one of the same name: for parsers that checked already.
    mutating func appendUnchecked(_ key: String, _ value: JSONValue) {
        self.members.append(JSONMember(key: key, value: value))
    }

    /// Puts a member at `index` (clamped to the end), replacing any member of that name.
    public mutating func insert(_ value: JSONValue, forKey key: String, at index: Int) {
        self.members.removeAll { $0.key == key }
        self.members.insert(JSONMember(key: key, value: value), at: min(index, self.members.count))
    }

    /// The position of the member named `key`.
    public func index(of key: String) -> Int? {
        self.members.firstIndex { $0.key == key }
    }

    /// Renames a member where it stands, replacing any member already named `new`; false when `old` is absent.
    @discardableResult
    public mutating func renameMember(_ old: String, to new: String) -> Bool {
        var oldIndex: Int?
        var newIndex: Int?
        for (index, member) in self.members.enumerated() {
            if member.key == old { oldIndex = index } else if member.key == new { newIndex = index }
        }
        guard let oldIndex else { return false }
        self.members[oldIndex].key = new
        if let newIndex { self.members.remove(at: newIndex) }
        return true
    }
}
