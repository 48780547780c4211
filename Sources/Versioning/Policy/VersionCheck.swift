/// Everything `versiongate check versions` and the gateway's start-up verify, over manifest texts: each file
/// decodes and names its version, then the whole set follows ``VersionPolicy``. Pure; reading files is the
/// caller's job.
public struct VersionCheck: Sendable {
    /// The manifests that decoded.
    public let manifests: [VersionManifest]
    /// Every problem found, in file order; empty when the versions are fit to serve.
    public let findings: [VersionPolicy.Finding]
    /// The versions directory, named by findings about the whole set.
    private let directory: String

    /// Why no catalog can be made: the findings, one per line.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let findings: [VersionPolicy.Finding]
        public var description: String { self.findings.map(\.description).joined(separator: "\n") }
    }

    /// - Parameters:
    ///   - manifestFiles: each manifest's path and text.
    ///   - guideNames: the file names in the migration guides directory, or nil not to check guides.
    ///   - directory: the directory the manifests come from, as the user named it: what a finding about the whole
    ///     set (none there, no catalog) names.
    public init(
        manifestFiles: [(path: String, text: String)],
        guideNames: Set<String>?,
        rules: VersionPolicy.Rules = .init(),
        directory: String = "versions"
    ) {
        var manifests: [VersionManifest] = []
        var findings: [VersionPolicy.Finding] = []
        if manifestFiles.isEmpty {
            findings.append(.init(file: directory, message: "no version manifests (v1.yaml, v2.yaml, …) found"))
        }
        for (path, text) in manifestFiles {
            let fileName = path.split(separator: "/").last.map(String.init) ?? path
            // Only the suffix goes: `v1.old.yaml` is not a second v1.
            let suffix = [".yaml", ".yml"].first { fileName.hasSuffix($0) }
            let stem = String(fileName.dropLast(suffix?.count ?? 0))
            guard let expected = VersionName(stem) else {
                findings.append(
                    .init(
                        file: path,
                        message: "'\(stem)' is not a version name: versions are named v1, v2, … or by a release date "
                            + "like 2024-06-20, and their manifest files after them (v2.yaml, 2024-06-20.yaml)"
                    )
                )
                continue
            }
            do {
                manifests.append(try ManifestDecoder.decode(text, file: path, expectedName: expected))
            } catch {
                findings.append(.init(file: error.line.map { "\(path):\($0)" } ?? path, message: error.message))
            }
        }
        if findings.isEmpty {
            findings = VersionPolicy.findings(for: manifests, guides: guideNames, rules: rules)
        }
        self.manifests = manifests
        self.findings = findings
        self.directory = directory
    }

    /// The catalog of the checked manifests.
    /// - Throws: ``Failure`` with every finding, when there is any.
    public func catalog() throws(Failure) -> VersionCatalog {
        guard self.findings.isEmpty else { throw Failure(findings: self.findings) }
        do {
            return try VersionCatalog(self.manifests)
        } catch {
            throw Failure(findings: [.init(file: self.directory, message: error.description)])
        }
    }
}

extension VersionCatalog {
    /// The catalog of the manifests (and guides) compiled into the binary.
    public static func bundled() throws(VersionCheck.Failure) -> VersionCatalog {
        try VersionCheck(
            manifestFiles: BundledManifests.files.map { ("versions/" + $0.name, $0.text) },
            guideNames: Set(BundledManifests.guides.map(\.name))
        ).catalog()
    }
}
