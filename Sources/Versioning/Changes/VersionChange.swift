/// One declared difference between a version and the one before it: a verb from a closed vocabulary, the
/// requests it concerns, a client-facing summary and whether it breaks older clients.
///
/// Every verb reads in both directions: *forward* turns the older version's shape into the newer one's (requests
/// on their way to a newer upstream), *backward* the reverse (responses on their way back to an older client).
public struct VersionChange: Sendable, Equatable {
    /// Unique within its manifest; names the change in guides, checks and errors.
    public var id: String
    /// One line for clients: what changed.
    public var summary: String
    public var breaking: Bool
    /// The requests the change concerns.
    public var scope: ChangeScope
    public var verb: ChangeVerb

    public init(id: String, summary: String, breaking: Bool, scope: ChangeScope = ChangeScope(), verb: ChangeVerb) {
        self.id = id
        self.summary = summary
        self.breaking = breaking
        self.scope = scope
        self.verb = verb
    }
}

/// Which requests a change concerns: endpoints (path templates in the newer version's terms) and methods; empty
/// lists mean all.
public struct ChangeScope: Sendable, Equatable {
    public var endpoints: [PathTemplate]
    public var methods: Set<String>

    public init(endpoints: [PathTemplate] = [], methods: Set<String> = []) {
        self.endpoints = endpoints
        self.methods = methods
    }
}

/// The closed vocabulary of changes. Field paths are dotted (`total.amount`); a path that meets an array applies to
/// each of its elements, so one change covers single objects, items of lists and nested arrays alike.
public enum ChangeVerb: Sendable, Equatable {
    /// The older path (or path prefix) is the newer one: `/vendors/{id}` ↔ `/suppliers/{id}`.
    case renamePath(older: PathTemplate, newer: PathTemplate)
    /// A query parameter's name: `vendor_id` ↔ `supplier_id`.
    case renameQueryParameter(older: String, newer: String)
    /// A header field's name, in requests and responses: `X-Vendor-Region` ↔ `X-Supplier-Region`.
    case renameHeader(older: String, newer: String)
    /// A field's name or place: `vendor_id` ↔ `supplier_id`, `created` ↔ `meta.created_at`.
    case renameField(older: FieldPath, newer: FieldPath)
    /// Older sibling fields become members of one newer object: `total` + `currency` ↔ `total: {amount, currency}`.
    case wrapFields(into: FieldPath, members: [WrappedMember])
    /// A field's values, mapped each way as declared (the two maps may differ where a mapping is lossy).
    case mapValues(field: FieldPath, forward: [ValueMapping], backward: [ValueMapping])
    /// A field's representation: unix seconds ↔ RFC 3339, say.
    case convertFormat(field: FieldPath, older: ValueFormat, newer: ValueFormat)
    /// The envelope of a list response: `{results, count}` ↔ `{data, meta: {total}}`.
    case reshapeList(older: ListEnvelope, newer: ListEnvelope)
    /// The newer version has a field the older lacks; older requests get it with `defaultValue`.
    case addField(field: FieldPath, defaultValue: JSONValue)
    /// The newer version drops a field the older had; older clients get it back with `defaultValue`.
    case removeField(field: FieldPath, defaultValue: JSONValue)

    /// The verb's name in manifests.
    public var name: String {
        switch self {
        case .renamePath: "rename-path"
        case .renameQueryParameter: "rename-query-parameter"
        case .renameHeader: "rename-header"
        case .renameField: "rename-field"
        case .wrapFields: "wrap-fields"
        case .mapValues: "map-values"
        case .convertFormat: "convert-format"
        case .reshapeList: "reshape-list"
        case .addField: "add-field"
        case .removeField: "remove-field"
        }
    }

    public static let names = [
        "rename-path", "rename-query-parameter", "rename-header", "rename-field", "wrap-fields", "map-values",
        "convert-format",
        "reshape-list", "add-field", "remove-field",
    ]
}

/// One header name replaced by another, compared without regard to case.
public struct HeaderRename: Sendable, Equatable {
    public let from: String
    public let to: String
    /// The declared change that renames it, which fires when the header is there.
    public var change: ChangeReference?

    public init(from: String, to: String, change: ChangeReference? = nil) {
        self.from = from
        self.to = to
        self.change = change
    }

    /// The new name if `name` is the one renamed.
    public func apply(to name: String) -> String {
        name.lowercased() == self.from.lowercased() ? self.to : name
    }
}

extension Sequence where Element == HeaderRename {
    /// `name` after each rename in turn.
    public func apply(to name: String) -> String {
        self.reduce(name) { $1.apply(to: $0) }
    }

    /// `name` after each rename in turn; the changes of those that renamed it are added to `fired`.
    public func apply(to name: String, fired: inout FiredChanges) -> String {
        var name = name
        for rename in self {
            let renamed = rename.apply(to: name)
            if renamed != name, let change = rename.change { fired.insert(change) }
            name = renamed
        }
        return name
    }
}

/// One member of a wrapped object and the older field it comes from: `currency` ↔ `total.currency`.
public struct WrappedMember: Sendable, Equatable {
    /// The two names as translations look them up.
    let olderName: MemberName
    let memberName: MemberName

    public var olderField: String { self.olderName.text }
    public var member: String { self.memberName.text }

    public init(olderField: String, member: String) {
        self.olderName = MemberName(olderField)
        self.memberName = MemberName(member)
    }
}

/// One value replaced by another.
public struct ValueMapping: Sendable, Equatable {
    public var from: JSONValue
    public var to: JSONValue

    public init(from: JSONValue, to: JSONValue) {
        self.from = from
        self.to = to
    }
}

/// How a value is represented.
public enum ValueFormat: String, Sendable, Equatable, CaseIterable {
    /// An integer count of seconds since 1970-01-01T00:00:00Z.
    case unixSeconds = "unix-seconds"
    /// An RFC 3339 date-time string in UTC.
    case rfc3339
}

/// Where a list response keeps its items and its total count.
public struct ListEnvelope: Sendable, Equatable {
    public var items: FieldPath
    public var total: FieldPath

    public init(items: FieldPath, total: FieldPath) {
        self.items = items
        self.total = total
    }
}
