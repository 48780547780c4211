import ArgumentParser

/// The `versiongate` command: an API version gateway and the tools around it.
@main
struct VersionGate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versiongate",
        abstract: "An API version gateway: routes each request by its API-Version and proxies it upstream.",
        subcommands: [Serve.self, Demo.self, Check.self, Report.self, Guide.self, Diff.self, Translate.self]
    )
}
