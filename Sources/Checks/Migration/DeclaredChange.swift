import Versioning

/// A change as a migration check names it: the version whose manifest declares it, the declaration, and the guide
/// section that explains it.
public struct DeclaredChange: Sendable, Equatable {
    public let version: VersionName
    public let change: VersionChange
    /// `migration-guides/v1-to-v2.md#…`; nil only for a change a manifest declares without a previous version.
    public let guide: GuideSection?

    public init(version: VersionName, change: VersionChange, guide: GuideSection?) {
        self.version = version
        self.change = change
        self.guide = guide
    }

    public var reference: ChangeReference { ChangeReference(version: self.version, id: self.change.id) }

    /// The changes a client meets on its way from `from` to the newer `to`, in the order the chain declares them.
    static func along(_ catalog: VersionCatalog, from: VersionName, to: VersionName) -> [DeclaredChange] {
        catalog.manifests.filter { $0.name > from && $0.name <= to }.flatMap { manifest in
            manifest.changes.map { change in
                DeclaredChange(
                    version: manifest.name,
                    change: change,
                    guide: GuideSection(change: change.id, declaredIn: manifest)
                )
            }
        }
    }
}
