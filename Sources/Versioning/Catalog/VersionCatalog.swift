/// Every known version, checked as a whole (``VersionPolicy/structuralFindings(for:)``): names unique, exactly one
/// `current`, and `previous`/`successor` links that point at known versions, agree with each other and form no cycle.
public struct VersionCatalog: Sendable {
    /// Manifests by ascending version.
    public let manifests: [VersionManifest]
    private let byName: [VersionName: VersionManifest]
    /// The version a request gets when it names none and has no pin.
    public let defaultVersion: VersionName

    /// Why a set of manifests does not make a catalog.
    public struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    public init(_ manifests: [VersionManifest]) throws(Error) {
        if let finding = VersionPolicy.structuralFindings(for: manifests).first {
            throw Error(description: "\(finding.file): \(finding.message)")
        }
        self.manifests = manifests.sorted { $0.name < $1.name }
        self.byName = Dictionary(uniqueKeysWithValues: manifests.map { ($0.name, $0) })
        self.defaultVersion = manifests.first { $0.status == .current }!.name
    }

    public subscript(name: VersionName) -> VersionManifest? { self.byName[name] }

    /// The names of every version, ascending.
    public var names: [VersionName] { self.manifests.map(\.name) }
}
