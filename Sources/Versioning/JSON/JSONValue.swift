/// A JSON value as manifests declare one (a default, a mapped value): numbers keep the digits they were written
/// with (`99.50` stays `99.50`) and object members their order. Bodies in flight are ``JSONDocument``s instead.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number as written in the document.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// One member of a JSON object.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue
}

/// A JSON object: members in order, keys unique. Equality compares members in order.
public struct JSONObject: Sendable, Equatable {
    public private(set) var members: [JSONMember]

    public init(_ members: [(String, JSONValue)] = []) {
        self.members = members.map { JSONMember(key: $0.0, value: $0.1) }
    }
}
