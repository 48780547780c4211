import ArgumentParser
import Checks
import Foundation
import Versioning

/// `versiongate diff v1 v2`: every change between two versions, per endpoint and method, breaking or not for a
/// client making that move; for CI on manifest changes with `--fail-on breaking`.
struct Diff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every change between two versions, per endpoint, and whether it breaks clients.",
        discussion: """
            The versions may be any distance apart, in either order. FROM older than TO reads forward: what a \
            client moving up must handle, each change as its manifest declares it. FROM newer reads backward: what \
            a client moving back meets, the same changes undone. Endpoints are named as FROM names them (a path \
            renamed on the way shows under FROM's path), and a change without endpoints applies to every endpoint.

            Breaking depends on the direction. Each way a change breaks as declared, with two exceptions: add-field \
            always breaks a client moving back (the field is gone), and a map-values that turns several values into \
            one (completed and cancelled both become closed) breaks the way it does that. Where the other way reads \
            differently, the output says so.

            Reads ./versions unless --versions names another directory; the manifests must pass check versions. \
            JSON follows the versiongate.diff/1 schema (docs/diff-schema.md). Exit status: 0 listed, 1 with \
            --fail-on breaking when any change is breaking, 2 for input that cannot be diffed (one line on \
            standard error).
            """
    )

    @Argument(help: "The version a client moves from; endpoints are named in its terms.")
    var from: String

    @Argument(help: "The version it moves to: newer reads forward, older reads back.")
    var to: String

    @Option(help: "text, markdown or json.")
    var format = "text"

    @Option(name: .customLong("fail-on"), help: "breaking: exit 1 when any change is breaking.")
    var failOn: String?

    @Option(help: "Write the diff to FILE (whole, or not at all) instead of standard output.")
    var output: String?

    @OptionGroup var versionOptions: VersionOptions

    func run() async throws {
        let diff: VersionDiff
        let failOnBreaking: Bool
        do {
            guard let format = DiffFormat(rawValue: self.format) else {
                throw CommandFailure(message: "--format '\(self.format)' is not one of: text, markdown, json")
            }
            switch self.failOn {
            case nil: failOnBreaking = false
            case "breaking": failOnBreaking = true
            case let other?: throw CommandFailure(message: "--fail-on '\(other)' is not one of: breaking")
            }
            let (catalog, _) = try self.versionOptions.load(default: .workingDirectory)
            diff = try VersionDiff(catalog: catalog, from: self.from, to: self.to)
            let rendered = diff.rendered(as: format)
            if let output = self.output {
                try OutputFile.write(rendered, to: output, naming: "the diff")
            } else {
                try OutputFile.writeToStandardOutput(rendered)
            }
        } catch let failure as CommandFailure {
            // Manifests that fail their checks give one finding a line; the diff promises one line in all.
            let more = failure.lines.count - 1
            let suffix = more > 0 ? " (and \(more) more: versiongate check versions lists them)" : ""
            Console.status((failure.lines.first ?? "cannot diff") + suffix)
            throw ExitCode(2)
        } catch {
            Console.status("\(error)")
            throw ExitCode(2)
        }
        if failOnBreaking, diff.breakingCount > 0 {
            Console.status(
                "\(diff.breakingCount) breaking \(diff.breakingCount == 1 ? "change" : "changes") "
                    + "from \(diff.from) to \(diff.to) (--fail-on breaking)"
            )
            throw ExitCode.failure
        }
    }
}
