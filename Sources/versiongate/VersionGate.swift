import ArgumentParser
import Foundation

/// The `versiongate` command: an API version gateway and the tools around it.
@main
struct VersionGate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versiongate",
        abstract: "An API version gateway: routes each request by its API-Version and proxies it upstream.",
        subcommands: [
            Serve.self, Demo.self, Init.self, Check.self, Report.self, Guide.self, Diff.self, Translate.self,
            Clients.self,
        ]
    )

    /// Runs the command line. The checks for CI (`check client`, `diff`) exit 1 when they find something, so a
    /// command line they cannot parse (a missing `--from`, a `--format` they do not know) is one line and status 2
    /// there, like any other bad input, rather than ArgumentParser's usage text and status 64.
    static func main() async {
        do {
            let arguments: [String]
            do { arguments = try ServeConfigFile.expand(Array(CommandLine.arguments.dropFirst())) } catch let failure
                as CommandFailure
            {
                for line in failure.lines { Console.status(line) }
                Foundation.exit(1)
            }
            var command = try self.parseAsRoot(arguments)
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            let arguments = CommandLine.arguments.dropFirst()
            let checks = arguments.starts(with: ["check", "client"]) || arguments.first == "diff"
            if self.exitCode(for: error) == .validationFailure, checks {
                Console.status(self.message(for: error))
                Foundation.exit(2)
            }
            self.exit(withError: error)
        }
    }
}
