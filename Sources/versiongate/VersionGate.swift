import ArgumentParser
import Foundation

/// The `versiongate` command: an API version gateway and the tools around it.
@main
struct VersionGate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versiongate",
        abstract: "An API version gateway: routes each request by its API-Version and proxies it upstream.",
        subcommands: [Serve.self, Demo.self, Check.self, Report.self, Guide.self, Diff.self, Translate.self]
    )

    /// Runs the command line. A check for CI exits 1 when it finds something, so a command line it cannot parse (a
    /// missing `--from`, a `--format` it does not know) is one line and status 2 there, like any other bad input,
    /// rather than ArgumentParser's usage text and status 64.
    static func main() async {
        do {
            var command = try self.parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            let arguments = CommandLine.arguments.dropFirst()
            if self.exitCode(for: error) == .validationFailure, arguments.starts(with: ["check", "client"]) {
                Console.status(self.message(for: error))
                Foundation.exit(2)
            }
            self.exit(withError: error)
        }
    }
}
