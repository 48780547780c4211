/// Every known version, checked as a whole (``VersionPolicy/structuralFindings(for:)``): names unique and in one
/// scheme (`v1`, `v2`, … or `2024-01-01`, `2024-06-20`, …), exactly one `current`, and `previous`/`successor` links
/// that point at known versions, agree with each other and form one chain in the order of the names.
public struct VersionCatalog: Sendable {
    /// Manifests in the order of the chain, oldest first; the checks make it the names' ascending order too.
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
        let byName = Dictionary(uniqueKeysWithValues: manifests.map { ($0.name, $0) })
        let next = Dictionary(
            manifests.compactMap { manifest in manifest.previous.map { ($0, manifest) } },
            uniquingKeysWith: { first, _ in first }
        )
        var chain: [VersionManifest] = []
        var cursor = manifests.first { $0.previous == nil }
        while let manifest = cursor {
            chain.append(manifest)
            cursor = next[manifest.name]
        }
        self.manifests = chain
        self.byName = byName
        self.defaultVersion = manifests.first { $0.status == .current }!.name
    }

    public subscript(name: VersionName) -> VersionManifest? { self.byName[name] }

    /// Whether a manifest declares `name`; unlike the subscript, copies no manifest (for the request path).
    public func contains(_ name: VersionName) -> Bool { self.byName.index(forKey: name) != nil }

    /// The names of every version, oldest first.
    public var names: [VersionName] { self.manifests.map(\.name) }
}
