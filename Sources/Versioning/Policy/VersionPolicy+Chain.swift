extension VersionPolicy {
    /// The rules that make the chain of versions agree with their names: one naming scheme for the whole catalog,
    /// one chain that starts once and never forks, and each link going from an older name to a newer one (`v1` before `v2`,
    /// `2024-01-01` before `2024-06-20`). The chain decides the order; the names must not say otherwise.
    static func chainFindings(for manifests: [VersionManifest], byName: [VersionName: VersionManifest]) -> [Finding] {
        if let first = manifests.first {
            let mixed = manifests.filter { $0.name.scheme != first.name.scheme }
            if !mixed.isEmpty {
                return mixed.map { manifest in
                    Finding(
                        file: manifest.source,
                        message: "names its version \(manifest.name) \(manifest.name.scheme), but \(first.source) "
                            + "names \(first.name) \(first.name.scheme); a catalog names every version one way, "
                            + "so rename one of the two"
                    )
                }
            }
        }
        var findings: [Finding] = []
        let starts = byName.values.filter { $0.previous == nil }.sorted { $0.name < $1.name }
        if let start = starts.first {
            for manifest in starts.dropFirst() {
                findings.append(
                    Finding(
                        file: manifest.source,
                        message: "names no previous version, but \(start.name) already begins the chain; name the "
                            + "version \(manifest.name) follows in 'previous' (and \(manifest.name) as its 'successor')"
                    )
                )
            }
        }
        var followers: [VersionName: VersionManifest] = [:]
        for manifest in byName.values.sorted(by: { $0.name < $1.name }) {
            if let previous = manifest.previous, let other = followers.updateValue(manifest, forKey: previous) {
                findings.append(
                    Finding(
                        file: manifest.source,
                        message: "names \(previous) as previous, as \(other.source) does; one version follows "
                            + "each, so make \(manifest.name) follow \(other.name)"
                    )
                )
            }
            if let previous = manifest.previous, previous != manifest.name, byName[previous] != nil,
                !(previous < manifest.name)
            {
                findings.append(
                    Finding(
                        file: manifest.source,
                        message: "names \(previous) as previous, but \(previous) comes after \(manifest.name); "
                            + "versions follow each other in the order of their names, so fix the links or the names"
                    )
                )
            }
        }
        return findings
    }
}
