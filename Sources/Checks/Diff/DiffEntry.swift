import Versioning

/// One declared change as a diff lists it: the version that declares it, how it reads in the diff's direction and
/// the other way, the endpoints it concerns in the `from` version's terms, and the guide section that explains it.
public struct DiffEntry: Sendable, Equatable {
    /// The version whose manifest declares the change.
    public let version: VersionName
    /// The declaration: id, summary, verb, scope, and `breaking` as declared (for a client moving forward).
    public let change: VersionChange
    /// How the change reads for a client moving the diff's way.
    public let reading: DiffReading
    /// How it reads for a client moving the other way.
    public let reverse: DiffReading
    /// Where the change applies, named as the diff's `from` version names it.
    public let endpoints: [DiffEndpoint]
    /// `migration-guides/v1-to-v2.md#…`; nil only for a change of a version without a previous one.
    public let guide: GuideSection?

    /// Whether the change breaks a client moving the diff's way.
    public var breaking: Bool { self.reading.breaking }

    /// Whether the other way reads differently: breaking one way only, or losing values one way only.
    public var isAsymmetric: Bool { self.reading != self.reverse }

    public var reference: ChangeReference { ChangeReference(version: self.version, id: self.change.id) }
}

/// How a change reads for a client moving one way along the chain.
///
/// Forward, a change breaks as its manifest declares. Backward, every verb renames or reshapes what both versions
/// have, so it breaks as declared too, except `add-field`: a client moving back loses a field it may rely on, so
/// that is always breaking. Either way, a `map-values` whose map for that direction turns several values into one
/// is breaking: the client can no longer tell them apart (``merges``, ``ValueMerge``).
public struct DiffReading: Sendable, Equatable {
    public let breaking: Bool
    /// Values that several values become, in this direction; empty for all but a lossy `map-values`.
    public let merges: [ValueMerge]

    public init(breaking: Bool, merges: [ValueMerge] = []) {
        self.breaking = breaking
        self.merges = merges
    }

    /// How `change` reads in `direction`.
    public init(_ change: VersionChange, _ direction: ChangeDirection) {
        var merges: [ValueMerge] = []
        if case .mapValues(let field, let forward, let backward) = change.verb {
            let (mappings, opposite) = direction == .forward ? (forward, backward) : (backward, forward)
            merges = ValueMerge.merges(of: mappings, opposite: opposite, in: field)
        }
        let losesAField: Bool
        if case .addField = change.verb { losesAField = direction == .backward } else { losesAField = false }
        self.init(breaking: change.breaking || losesAField || !merges.isEmpty, merges: merges)
    }
}

/// Several values of a field that one direction's map turns into the same value: `completed` and `cancelled` both
/// become `closed`. Values a map does not list pass unchanged, so a value that is not mapped itself merges with
/// those mapped onto it (`{urgent: high}` merges `urgent` and `high`), unless the other direction's map lists it:
/// then that side does not have it (`backward: {completed: closed}` beside `forward: {closed: completed}`).
public struct ValueMerge: Sendable, Equatable {
    public let field: FieldPath
    /// The values that merge: those mapped in declared order, then the value itself when it passes unchanged.
    public let from: [JSONValue]
    /// What they all become.
    public let into: JSONValue

    public init(field: FieldPath, from: [JSONValue], into: JSONValue) {
        self.field = field
        self.from = from
        self.into = into
    }

    /// The merges of `mappings` (beside the other direction's `opposite`), in the order their shared value first
    /// appears.
    static func merges(of mappings: [ValueMapping], opposite: [ValueMapping], in field: FieldPath) -> [ValueMerge] {
        var targets: [JSONValue] = []
        for mapping in mappings where !targets.contains(mapping.to) { targets.append(mapping.to) }
        return targets.compactMap { target in
            var sources = mappings.filter { $0.to == target }.map(\.from)
            let listed = mappings.contains { $0.from == target } || opposite.contains { $0.from == target }
            if !listed, !sources.contains(target) { sources.append(target) }
            return sources.count > 1 ? ValueMerge(field: field, from: sources, into: target) : nil
        }
    }
}
