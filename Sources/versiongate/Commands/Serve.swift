import ArgumentParser
import Clients
import CurlClient
import Foundation
import Gateway
import Store
import Versioning

/// `versiongate serve`: run the gateway in front of an upstream until SIGTERM or SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the gateway in front of an upstream API.",
        discussion: """
            Serves the versions in --versions DIR (required). Stops on SIGTERM or SIGINT: stops accepting, \
            answers the requests in progress, then exits 0. A second signal exits at once. SIGHUP reloads \
            --versions and --guides without dropping a connection; a reload that fails the checks keeps the \
            versions in service. VERSIONGATE_NOW (an RFC 3339 time) fixes the clock of lifecycle decisions, to \
            rehearse a schedule. Requests are counted in the usage ledger (--store), written every \
            --flush-interval seconds, on SIGHUP and at exit.
            """
    )

    @OptionGroup var gateway: GatewayOptions

    @OptionGroup var usage: UsageOptions

    @OptionGroup var clientOptions: AuthOptions

    @Option(
        help: ArgumentHelp(
            "A YAML file of these options by long name (upstream: …); the command line overrides it. No secrets.",
            valueName: "file"
        )
    )
    var config: String?

    @Option(help: "Base URL of the upstream API, e.g. http://127.0.0.1:9001.")
    var upstream: String

    @Option(help: "The version the upstream speaks (default: the current version).")
    var upstreamVersion: String?

    @Option(
        help: ArgumentHelp(
            "A version with an upstream of its own, forwarded there untranslated (repeatable).",
            valueName: "version=url"
        )
    )
    var versionUpstream: [String] = []

    func run() async throws {
        try await CommandFailure.reporting {
            let signals = SignalRouter.install()
            let (catalog, guides) = try self.gateway.versionOptions.load(default: .required)
            var configuration = try self.gateway.configuration(
                upstream: self.upstream,
                upstreamVersion: try self.upstreamVersion.map {
                    try catalog.version(named: $0, option: "--upstream-version")
                },
                versionUpstreams: try self.versionUpstreams(in: catalog)
            )
            let usage = try await self.usage.start()
            usage.configure(&configuration, serving: catalog)
            let (server, clients) = try await self.clientOptions.start(
                configuration,
                catalog: catalog,
                guides: guides,
                usage: usage
            )
            clients?.serve(server, usage: usage)
            Console.status(
                "serving on http://\(HostPort(host: configuration.host, port: server.port)) → \(configuration.upstream) "
                    + "(versions: \(catalog.summary); default \(catalog.defaultVersion))"
                    + configuration.versionUpstreams.sorted { $0.key < $1.key }.map { "; \($0.key) → \($0.value)" }
                    .joined()
            )
            usage.announce()
            clients?.announce(self.clientOptions.auth)
            signals.onReload { [versionOptions = self.gateway.versionOptions] in
                Self.reload(server, from: versionOptions, usage: usage)
                Task { await usage.flushNow() }
            }
            await signals.waitForTermination()
            Console.status("shutting down: finishing requests in progress")
            server.shutdown()
            await server.stoppedAsync()
            await clients?.finish()
            if await !usage.finish() { throw ExitCode.failure }
        }
    }

    /// `--version-upstream v1=http://legacy:9000`, each version at most once and known to the catalog.
    private func versionUpstreams(in catalog: VersionCatalog) throws -> [VersionName: UpstreamURL] {
        var upstreams: [VersionName: UpstreamURL] = [:]
        for mapping in self.versionUpstream {
            let parts = mapping.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else {
                let shown = UpstreamURL.redacting(mapping)
                throw CommandFailure(message: "--version-upstream '\(shown)' must look like v1=http://127.0.0.1:9001")
            }
            let version = try catalog.version(named: String(parts[0]), option: "--version-upstream")
            guard upstreams.updateValue(try UpstreamURL.parsing(String(parts[1])), forKey: version) == nil else {
                throw CommandFailure(message: "--version-upstream names \(version) twice")
            }
        }
        return upstreams
    }

    private static func reload(_ server: GatewayServer, from options: VersionOptions, usage: RunningUsage) {
        do {
            let (catalog, guides) = try options.load(default: .required)
            try server.reload(catalog: catalog, guides: guides)
            usage.serve(catalog)
            Console.status("reloaded versions: \(catalog.summary)")
        } catch let failure as CommandFailure {
            Console.status("reload refused, keeping the versions in service:")
            for line in failure.lines { Console.status("  " + line) }
        } catch {
            Console.status("reload refused, keeping the versions in service: \(error)")
        }
    }
}
