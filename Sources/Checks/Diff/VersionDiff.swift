import Versioning

/// Every change between two versions of a catalog, any distance apart, as a client moving from one to the other
/// meets it: each change of each version in between, classified breaking or not in the direction of the move (and
/// the other way where that differs), with its endpoints named as the `from` version names them.
///
/// `from` older than `to` reads *forward* (what a client moving up must handle: the changes as declared); `from`
/// newer reads *backward* (what a client moving back meets: the same changes undone). Pure and `Sendable`.
///
/// ```swift
/// let diff = try VersionDiff(catalog: catalog, from: "v1", to: "v2")
/// print(diff.rendered(as: .text))
/// if diff.breakingCount > 0 { … }
/// ```
public struct VersionDiff: Sendable, Equatable {
    public let from: VersionName
    public let to: VersionName
    /// `.forward` when `from` is the older version, `.backward` when it is the newer.
    public let direction: ChangeDirection
    /// The versions whose changes lie between `from` and `to`, in the order the client meets them.
    public let versions: [VersionName]
    /// Every change, in the order the client meets them: version by version, each version's in declared order.
    public let entries: [DiffEntry]
    /// The entries by endpoint and method, every-endpoint groups first, then by path: an entry appears under each
    /// of its endpoints.
    public let endpoints: [DiffEndpointGroup]

    /// Why two versions cannot be diffed.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// A name the catalog does not hold (or no version name at all), and the names it does.
        case unknownVersion(String, known: [VersionName])
        /// The same version twice.
        case sameVersion(VersionName)

        public var description: String {
            switch self {
            case .unknownVersion(let name, let known):
                "no version '\(name)' in the catalog: it has \(known.map(\.description).joined(separator: ", "))"
            case .sameVersion(let name):
                "\(name) and \(name) are the same version: name two different versions to diff"
            }
        }
    }

    /// Diffs two versions named as the command line names them.
    /// - Throws: ``Failure/unknownVersion(_:known:)`` for a name that is not a version of `catalog`,
    ///   ``Failure/sameVersion(_:)`` when both name the same version.
    public init(catalog: VersionCatalog, from: String, to: String) throws(Failure) {
        guard let older = VersionName(from), catalog[older] != nil else {
            throw .unknownVersion(from, known: catalog.names)
        }
        guard let newer = VersionName(to), catalog[newer] != nil else {
            throw .unknownVersion(to, known: catalog.names)
        }
        try self.init(catalog: catalog, from: older, to: newer)
    }

    /// Diffs `from` against `to`, in either order.
    /// - Throws: ``Failure/unknownVersion(_:known:)`` for a version `catalog` does not hold,
    ///   ``Failure/sameVersion(_:)`` when `from` and `to` are one version.
    public init(catalog: VersionCatalog, from: VersionName, to: VersionName) throws(Failure) {
        for name in [from, to] where catalog[name] == nil {
            throw .unknownVersion(name.description, known: catalog.names)
        }
        guard from != to else { throw .sameVersion(from) }
        let direction: ChangeDirection = from < to ? .forward : .backward
        let between = catalog.manifests.filter { $0.name > min(from, to) && $0.name <= max(from, to) }
        let walked = direction == .forward ? between : between.reversed()
        let scopes = ScopeTranslation(catalog: catalog, into: from)
        let entries = walked.flatMap { manifest in
            manifest.changes.map { change in
                DiffEntry(
                    version: manifest.name,
                    change: change,
                    reading: DiffReading(change, direction),
                    reverse: DiffReading(change, direction == .forward ? .backward : .forward),
                    endpoints: scopes.endpoints(of: change, declaredIn: manifest.name),
                    guide: GuideSection(change: change.id, declaredIn: manifest)
                )
            }
        }
        self.from = from
        self.to = to
        self.direction = direction
        self.versions = walked.map(\.name)
        self.entries = entries
        self.endpoints = DiffEndpointGroup.grouping(entries)
    }

    /// How many entries break a client moving from `from` to `to`.
    public var breakingCount: Int { self.entries.count(where: \.breaking) }
}
