/// Every known version, checked as a whole: names unique, exactly one `current`, and `previous`/`successor`
/// links that point at known versions, agree with each other and form no cycle.
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
        var byName: [VersionName: VersionManifest] = [:]
        for manifest in manifests {
            guard byName.updateValue(manifest, forKey: manifest.name) == nil else {
                throw Error(description: "version \(manifest.name) is declared twice")
            }
        }
        let current = manifests.filter { $0.status == .current }.map(\.name).sorted()
        guard current.count == 1, let defaultVersion = current.first else {
            let found = current.isEmpty ? "none" : current.map(\.description).joined(separator: ", ")
            throw Error(description: "exactly one version must have status 'current' (found: \(found))")
        }
        for manifest in manifests {
            try Self.checkLinks(of: manifest, in: byName)
        }
        self.manifests = manifests.sorted { $0.name < $1.name }
        self.byName = byName
        self.defaultVersion = defaultVersion
    }

    public subscript(name: VersionName) -> VersionManifest? { self.byName[name] }

    /// The names of every version, ascending.
    public var names: [VersionName] { self.manifests.map(\.name) }

    private static func checkLinks(of manifest: VersionManifest, in byName: [VersionName: VersionManifest])
        throws(Error)
    {
        if let previous = manifest.previous {
            guard let older = byName[previous] else {
                throw Error(description: "\(manifest.name) names previous version \(previous), which is not declared")
            }
            if let successor = older.successor, successor != manifest.name {
                throw Error(
                    description: "\(manifest.name) names \(previous) as previous, but \(previous) names \(successor) as successor")
            }
        }
        if let successor = manifest.successor {
            guard let newer = byName[successor] else {
                throw Error(description: "\(manifest.name) names successor \(successor), which is not declared")
            }
            guard newer.previous == manifest.name else {
                throw Error(
                    description: "\(manifest.name) names \(successor) as successor, but \(successor) does not name \(manifest.name) as previous")
            }
        }
        var seen: Set<VersionName> = [manifest.name]
        var cursor = manifest.previous
        while let name = cursor {
            guard seen.insert(name).inserted else {
                throw Error(description: "the chain of 'previous' versions from \(manifest.name) loops back on itself")
            }
            cursor = byName[name]?.previous
        }
    }
}
