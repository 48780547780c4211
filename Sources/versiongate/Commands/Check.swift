import ArgumentParser
import Foundation
import Gateway
import Versioning

/// `versiongate check …`: verifications for CI.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Checks for CI: the version manifests, and a client's traffic against a newer version.",
        subcommands: [CheckVersions.self, CheckClient.self]
    )
}

/// `versiongate check versions`: lint the manifests and the versioning policy.
struct CheckVersions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versions",
        abstract: "Check the version manifests, their schedule and their migration guides.",
        discussion: """
            Checks that each manifest parses and names its version; that dates are in order; that a deprecated \
            version has a released successor and a sunset at least --min-sunset-months after that release; that \
            previous/successor links form one chain; that released versions only gain dated, non-breaking \
            additions; and that a migration guide exists for each transition. Prints one line per finding. \
            Reads ./versions unless --versions names another directory. \
            Exit status: 0 clean, 1 findings, 2 unreadable input.
            """
    )

    @OptionGroup var versionOptions: VersionOptions

    func run() async throws {
        // No rule here depends on the date, but a clock that `serve` would refuse is refused here too: CI should not
        // pass what start-up will not.
        do {
            _ = try ProcessClock.fromEnvironment()
        } catch {
            for line in error.lines { Console.status(line) }
            throw ExitCode(2)
        }
        let documents: VersionDocuments
        do {
            documents = try self.versionOptions.documents(default: .workingDirectory)
        } catch {
            Console.status(error.description)
            throw ExitCode(2)
        }
        let check = documents.check(rules: self.versionOptions.rules)
        for finding in check.findings { print(finding.description) }
        guard check.findings.isEmpty else { throw ExitCode.failure }
        let count = check.manifests.count
        print("versions: \(count) \(count == 1 ? "manifest follows" : "manifests follow") the policy")
    }
}
