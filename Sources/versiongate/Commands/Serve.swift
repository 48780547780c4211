import ArgumentParser
import Gateway
import Versioning

/// `versiongate serve`: run the gateway in front of an upstream until SIGTERM or SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the gateway in front of an upstream API.",
        discussion: """
            Stops on SIGTERM or SIGINT: stops accepting, answers the requests in progress, then exits 0. \
            A second signal exits at once.
            """
    )

    @OptionGroup var gateway: GatewayOptions

    @Option(help: "Base URL of the upstream API, e.g. http://127.0.0.1:9001.")
    var upstream: String

    @Option(help: "The version the upstream speaks (default: the current version).")
    var upstreamVersion: String?

    func run() async throws {
        try await CommandFailure.reporting {
            let catalog = try self.gateway.catalog()
            let configuration = try self.gateway.configuration(
                upstream: self.upstream, upstreamVersion: self.upstreamVersion, catalog: catalog)
            let server = try GatewayServer.start(configuration: configuration, catalog: catalog)
            Console.status(
                "serving on http://\(configuration.host):\(server.port) → \(configuration.upstream) "
                    + "(versions: \(catalog.summary); default \(catalog.defaultVersion))")
            await TerminationSignal.wait()
            Console.status("shutting down: finishing requests in progress")
            server.shutdown()
            await server.stoppedAsync()
        }
    }
}
