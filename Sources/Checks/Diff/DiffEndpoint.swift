import Versioning

/// Where a change applies, named as the diff's `from` version names it: a path template (or every endpoint) and
/// the methods.
public struct DiffEndpoint: Sendable, Hashable, Comparable {
    /// The path template; nil for a change that applies to every endpoint.
    public let path: PathTemplate?
    /// Whether the change also applies to every path under `path`: a `rename-path` renames a prefix.
    public let includesSubpaths: Bool
    public let methods: DiffMethods

    public init(path: PathTemplate?, includesSubpaths: Bool = false, methods: DiffMethods = .all) {
        self.path = path
        self.includesSubpaths = includesSubpaths
        self.methods = methods
    }

    /// Every endpoint first, then by path, the path alone before its subpaths, then by methods.
    public static func < (lhs: DiffEndpoint, rhs: DiffEndpoint) -> Bool {
        switch (lhs.path, rhs.path) {
        case (nil, .some): return true
        case (.some, nil): return false
        case (let left?, let right?) where left != right: return left.description < right.description
        default: break
        }
        if lhs.includesSubpaths != rhs.includesSubpaths { return !lhs.includesSubpaths }
        return lhs.methods < rhs.methods
    }
}

/// The methods of an endpoint a change applies to.
public enum DiffMethods: Sendable, Hashable, Comparable {
    /// Every method.
    case all
    /// These methods only, sorted.
    case only([String])
    /// Every method but these, sorted: where a method-scoped `rename-path` gives one method another path.
    case allExcept([String])

    public static func < (lhs: DiffMethods, rhs: DiffMethods) -> Bool {
        switch (lhs, rhs) {
        case (.only(let left), .only(let right)), (.allExcept(let left), .allExcept(let right)):
            left.lexicographicallyPrecedes(right)
        default:
            lhs.rank < rhs.rank
        }
    }

    private var rank: Int {
        switch self {
        case .all: 0
        case .only: 1
        case .allExcept: 2
        }
    }
}

/// One endpoint and every change a diff lists for it, in the diff's order.
public struct DiffEndpointGroup: Sendable, Equatable {
    public let endpoint: DiffEndpoint
    public let entries: [DiffEntry]

    /// `entries` under each of their endpoints, sorted by endpoint.
    static func grouping(_ entries: [DiffEntry]) -> [DiffEndpointGroup] {
        var byEndpoint: [DiffEndpoint: [DiffEntry]] = [:]
        for entry in entries {
            for endpoint in Set(entry.endpoints) { byEndpoint[endpoint, default: []].append(entry) }
        }
        return byEndpoint.keys.sorted().map { DiffEndpointGroup(endpoint: $0, entries: byEndpoint[$0] ?? []) }
    }
}
