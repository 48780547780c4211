extension VersionCatalog {
    /// Builds a catalog from manifest texts named like `v2.yaml`; reading them is the caller's job.
    /// - Parameters:
    ///   - files: each file's path (for messages) and text.
    /// - Throws: the first ``ManifestError``, or a catalog error attributed to `source`.
    public static func decode(files: [(path: String, text: String)], source: String) throws(ManifestError)
        -> VersionCatalog
    {
        guard !files.isEmpty else {
            throw ManifestError(file: source, message: "no version manifests (v1.yaml, v2.yaml, …) found")
        }
        var manifests: [VersionManifest] = []
        for (path, text) in files {
            let fileName = path.split(separator: "/").last.map(String.init) ?? path
            let stem = fileName.split(separator: ".").first.map(String.init) ?? fileName
            guard let expected = VersionName(stem) else {
                throw ManifestError(file: path, message: "manifest files are named after their version, like v2.yaml")
            }
            manifests.append(try ManifestDecoder.decode(text, file: path, expectedName: expected))
        }
        do {
            return try VersionCatalog(manifests)
        } catch {
            throw ManifestError(file: source, message: error.description)
        }
    }

    /// The catalog of the manifests compiled into the binary.
    public static func bundled() throws(ManifestError) -> VersionCatalog {
        try self.decode(files: BundledManifests.files.map { ("versions/" + $0.name, $0.text) }, source: "bundled versions")
    }
}
