import ArgumentParser
import Gateway
import Versioning

/// Where the version manifests and migration guides come from, and the policy they are held to.
struct VersionOptions: ParsableArguments {
    @Option(help: "Directory of version manifests (v1.yaml, …); the ones built into the binary if omitted.")
    var versions: String?

    @Option(help: "Directory of migration guides (v1-to-v2.md, …); default: migration-guides beside --versions.")
    var guides: String?

    @Option(help: "Least months between a successor's release and its predecessor's sunset.")
    var minSunsetMonths = 12

    func validate() throws {
        guard self.minSunsetMonths >= 0 else { throw ValidationError("--min-sunset-months must not be negative") }
        guard self.guides == nil || self.versions != nil else {
            throw ValidationError("--guides needs --versions (the built-in versions come with their guides)")
        }
    }

    var rules: VersionPolicy.Rules { VersionPolicy.Rules(minimumSunsetMonths: self.minSunsetMonths) }

    /// The manifest and guide texts; reading files is blocking, so call this off any event loop.
    func documents() throws(VersionDocuments.ReadError) -> VersionDocuments {
        guard let versions else { return .bundled }
        return try VersionDocuments.read(versions: versions, guides: self.guides)
    }

    /// The catalog and guides to serve, or every finding that stops them from being served.
    func load() throws -> (catalog: VersionCatalog, guides: [String: String]) {
        let documents: VersionDocuments
        do {
            documents = try self.documents()
        } catch {
            throw CommandFailure(message: error.description)
        }
        do {
            return (try documents.check(rules: self.rules).catalog(), documents.guides ?? [:])
        } catch {
            throw CommandFailure(lines: error.findings.map(\.description))
        }
    }
}
