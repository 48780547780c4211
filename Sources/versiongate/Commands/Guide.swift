import ArgumentParser
import Versioning

/// `versiongate guide v1 v2` (or `versiongate guide 2024-01-01 2024-06-20`): the migration guide between two
/// adjacent versions, rendered from the manifests.
struct Guide: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the migration guide from one version to the next, as Markdown.",
        discussion: """
            Reads ./versions unless --versions names another directory. \
            migration-guides/<older>-to-<newer>.md is this output, committed; a test fails when they drift.
            """
    )

    @Argument(help: "The version clients migrate from.")
    var older: String

    @Argument(help: "The version clients migrate to.")
    var newer: String

    @OptionGroup var versionOptions: VersionOptions

    func run() async throws {
        try await CommandFailure.reporting {
            guard let older = VersionName(self.older), let newer = VersionName(self.newer) else {
                throw CommandFailure(
                    message: "versions are named like v1 and v2, or by release date like 2024-01-01 and 2024-06-20"
                )
            }
            // The guide may not exist yet: this command is how it is first written.
            let (catalog, _) = try self.versionOptions.load(default: .workingDirectory, checkingGuides: false)
            do {
                print(try MigrationGuideRenderer.render(from: older, to: newer, catalog: catalog), terminator: "")
            } catch let failure as MigrationGuideRenderer.Failure {
                if let intended = failure.intended {
                    throw CommandFailure(
                        message: "\(failure.description): run versiongate guide \(intended.older) \(intended.newer)"
                    )
                }
                throw CommandFailure(message: failure.description)
            }
        }
    }
}
