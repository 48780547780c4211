/// A declared change as the usage ledger names it: the version whose manifest declares it, and its id there (ids
/// are unique within a manifest, not across them).
public struct ChangeReference: Sendable, Hashable, CustomStringConvertible {
    public let version: VersionName
    public let id: String

    public init(version: VersionName, id: String) {
        self.version = version
        self.id = id
    }

    /// `v2/vendors-are-suppliers`.
    public var description: String { "\(self.version)/\(self.id)" }
}

/// The declared changes that actually altered one exchange: its request's path, query, headers or body, or its
/// response's headers or body. A change in scope that found nothing to rewrite is not among them.
///
/// Each change appears once, in the order it first fired. Small: an exchange fires a handful at most.
public struct FiredChanges: Sendable, Equatable, Sequence {
    private var references: [ChangeReference] = []

    public init() {}

    public var isEmpty: Bool { self.references.isEmpty }

    public mutating func insert(_ reference: ChangeReference) {
        guard !self.references.contains(reference) else { return }
        // Room for a handful at once, rather than growing an allocation at a time.
        if self.references.isEmpty { self.references.reserveCapacity(8) }
        self.references.append(reference)
    }

    public mutating func formUnion(_ other: FiredChanges) {
        for reference in other.references { self.insert(reference) }
    }

    public func makeIterator() -> IndexingIterator<[ChangeReference]> { self.references.makeIterator() }
}
