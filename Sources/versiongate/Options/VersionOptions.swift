import ArgumentParser
import Foundation
import Gateway
import Versioning

/// Where the version manifests and migration guides come from, and the policy they are held to.
struct VersionOptions: ParsableArguments {
    /// What a command reads when `--versions` is not given.
    enum Default {
        /// The sample ERP API's manifests built into the binary: `demo` only.
        case bundledSample
        /// `./versions`, as a repository that keeps its manifests there lays them out: the offline tools.
        case workingDirectory
        /// Nothing: the command must be told (`serve`, which would otherwise serve someone else's versions).
        case required
    }

    @Option(help: "Directory of version manifests (v1.yaml, …; see versions/README.md).")
    var versions: String?

    @Option(help: "Directory of migration guides (v1-to-v2.md, …); default: migration-guides beside --versions.")
    var guides: String?

    @Option(parsing: .unconditional, help: "Least months between a successor's release and its predecessor's sunset.")
    var minSunsetMonths = 12

    func validate() throws {
        guard self.minSunsetMonths >= 0 else { throw ValidationError("--min-sunset-months must not be negative") }
    }

    var rules: VersionPolicy.Rules { VersionPolicy.Rules(minimumSunsetMonths: self.minSunsetMonths) }

    /// The manifest and guide texts; reading files is blocking, so call this off any event loop.
    /// - Throws: ``VersionDocuments/ReadError`` for a directory that cannot be read, or when `--versions` is
    ///   missing and the command has no default.
    func documents(default: Default) throws(VersionDocuments.ReadError) -> VersionDocuments {
        let directory: String
        switch (self.versions, `default`) {
        case (let versions?, _):
            directory = versions
        case (nil, .bundledSample):
            guard self.guides == nil else {
                throw .init(description: "--guides needs --versions (the built-in versions come with their guides)")
            }
            return .bundled
        case (nil, .workingDirectory):
            guard FileManager.default.fileExists(atPath: "versions") else {
                throw .init(description: "no versions directory here (./versions): name one with --versions DIR")
            }
            directory = "versions"
        case (nil, .required):
            throw .init(
                description: "no versions to serve: name a directory of manifests with --versions DIR "
                    + "(versions/README.md shows how to write them; `versiongate demo` runs the built-in sample)"
            )
        }
        return try VersionDocuments.read(versions: directory, guides: self.guides)
    }

    /// The catalog and guides to serve, or every finding that stops them from being served.
    /// - Parameter checkingGuides: whether every successor must have its migration guide; not for `guide`, which
    ///   writes them.
    func load(
        default: Default,
        checkingGuides: Bool = true
    ) throws -> (catalog: VersionCatalog, guides: [String: String]) {
        var documents: VersionDocuments
        do {
            documents = try self.documents(default: `default`)
        } catch {
            throw CommandFailure(message: error.description)
        }
        if !checkingGuides { documents.guides = nil }
        do {
            return (try documents.check(rules: self.rules).catalog(), documents.guides ?? [:])
        } catch {
            throw CommandFailure(lines: error.findings.map(\.description))
        }
    }
}
