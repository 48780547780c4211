import ArgumentParser
import Foundation
import Gateway
import SampleUpstream
import Store
import Versioning

/// `versiongate demo`: the sample unified API and the gateway in front of it, in one process.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the sample unified API (purchase orders, work orders, inventory, …) behind the gateway.",
        discussion: """
            Serves the sample's manifests built into the binary, or those in --versions DIR. Prints example \
            requests, then serves until Ctrl-C (SIGINT) or SIGTERM.
            """
    )

    @OptionGroup var gateway: GatewayOptions

    @OptionGroup var usage: UsageOptions

    @OptionGroup var clientOptions: AuthOptions

    @Option(parsing: .unconditional, help: "Port of the sample API (0 picks a free one).")
    var upstreamPort = 9090

    @Option(help: "The version the sample API speaks (v1 or v2).")
    var upstreamVersion = "v2"

    func validate() throws {
        guard (0...65535).contains(self.upstreamPort) else {
            throw ValidationError("--upstream-port must be between 0 and 65535")
        }
        // Otherwise the gateway would find its port taken by the demo's own sample API, "by another process".
        guard self.upstreamPort == 0 || self.upstreamPort != self.gateway.port else {
            throw ValidationError("--port and --upstream-port must differ: the sample API needs a port of its own")
        }
    }

    func run() async throws {
        try await CommandFailure.reporting {
            let signals = SignalRouter.install()
            let (catalog, guides) = try self.gateway.versionOptions.load(default: .bundledSample)
            let sampleVersion = try catalog.version(named: self.upstreamVersion, option: "--upstream-version")
            let upstream = try await self.startSample(
                port: self.upstreamPort,
                speaking: sampleVersion,
                catalog: catalog
            )
            // With tokens checked, test clients get a sample of their own, unless told where their sandbox is.
            var sandbox: SampleServer?
            if self.clientOptions.auth != .off, self.clientOptions.sandboxUpstream == nil {
                do {
                    sandbox = try await self.startSample(port: 0, speaking: sampleVersion, catalog: catalog)
                } catch {
                    try? await upstream.stop()
                    throw error
                }
            }
            let (server, clients, usage) = try await self.startGateway(
                upstream: upstream,
                sandbox: sandbox,
                speaking: sampleVersion,
                catalog: catalog,
                guides: guides
            )
            self.printWelcome(
                gatewayPort: server.port,
                upstreamPort: upstream.port,
                sandboxPort: sandbox?.port,
                sampleVersion: sampleVersion,
                catalog: catalog,
                ledger: usage.location
            )
            usage.announce()
            clients?.announce(self.clientOptions.auth)
            clients?.serve(server, usage: usage)
            signals.onReload {
                Task { await usage.flushNow() }
            }
            await signals.waitForTermination()
            Console.status("shutting down: finishing requests in progress")
            server.shutdown()
            await server.stoppedAsync()
            await clients?.finish()
            let written = await usage.finish()
            try await upstream.stop()
            try await sandbox?.stop()
            if !written { throw ExitCode.failure }
        }
    }

    private func startSample(
        port: Int,
        speaking version: VersionName,
        catalog: VersionCatalog
    ) async throws
        -> SampleServer
    {
        do {
            return try await SampleServer.start(host: "127.0.0.1", port: port, speaking: version, catalog: catalog)
        } catch {
            throw CommandFailure(message: "cannot start the sample API on 127.0.0.1:\(port): \(error)")
        }
    }

    /// Starts the gateway in front of the sample API (and its sandbox, if any); on failure, stops them too.
    private func startGateway(
        upstream: SampleServer,
        sandbox: SampleServer?,
        speaking sampleVersion: VersionName,
        catalog: VersionCatalog,
        guides: [String: String]
    ) async throws -> (GatewayServer, RunningClients?, RunningUsage) {
        do {
            var configuration = try self.gateway.configuration(
                upstream: "http://127.0.0.1:\(upstream.port)",
                upstreamVersion: sampleVersion
            )
            let usage = try await self.usage.start()
            usage.configure(&configuration, serving: catalog)
            var clientOptions = self.clientOptions
            if let sandbox { clientOptions.sandboxUpstream = "http://127.0.0.1:\(sandbox.port)" }
            let (server, clients) = try await clientOptions.start(
                configuration,
                catalog: catalog,
                guides: guides,
                usage: usage
            )
            return (server, clients, usage)
        } catch {
            try? await upstream.stop()
            try? await sandbox?.stop()
            throw error
        }
    }

    private func printWelcome(
        gatewayPort: Int,
        upstreamPort: Int,
        sandboxPort: Int?,
        sampleVersion: VersionName,
        catalog: VersionCatalog,
        ledger: StoreLocation?
    ) {
        let base = "http://\(HostPort(host: self.gateway.host, port: gatewayPort))"
        let header = self.gateway.versionHeader
        let welcome = """
            VersionGate demo
              sample API (speaks \(sampleVersion)): http://127.0.0.1:\(upstreamPort)
            \(sandboxPort.map { "  sandbox (test tokens):  http://127.0.0.1:\($0)\n" } ?? "")\
              gateway:                \(base)   versions: \(catalog.summary); default \(catalog.defaultVersion)
            \(self.tokenHint(ledger: ledger, base: base))
            Try:
              curl -i \(base)/purchase-orders
              curl -i -H '\(header): v2' \(base)/suppliers/sup_1
              curl -i -X POST -H 'Content-Type: application/json' \\
                   -d '{"title":"Lubricate pump","status":"open"}' \(base)/work-orders
              curl -i -X POST -H '\(header): v2' -H 'Content-Type: application/json' \\
                   -d '{"mode":"full","entity":"purchase_orders"}' \(base)/connections/con_1/syncs
              curl -i -H '\(header): v9' \(base)/inventory
              curl -i \(base)\(self.gateway.adminPrefix)/health
            \(ledger.map { self.reportHint($0) } ?? "")
            Ctrl-C stops the demo.

            """
        // Unbuffered, so that the instructions show at once even when standard output is not a terminal.
        FileHandle.standardOutput.write(Data(welcome.utf8))
    }

    /// With tokens checked, how to make one: every request below needs it.
    private func tokenHint(ledger: StoreLocation?, base: String) -> String {
        guard self.clientOptions.auth != .off, let ledger else { return "" }
        let optional = self.clientOptions.auth == .optional ? " (or none: anonymous)" : ""
        return """

            Requests need a client token\(optional). Make one, and add it to the requests below:
              TOKEN=$(versiongate clients create --name me --env live --store \(ledger) | sed -n 's/^token: //p')
              curl -i -H "Authorization: Bearer $TOKEN" \(base)/purchase-orders

            """
    }

    /// How to see what the demo counted, against the versions it serves.
    private func reportHint(_ store: StoreLocation) -> String {
        let versions = self.gateway.versionOptions.versions.map { " --versions \($0)" } ?? ""
        return """

            Requests are counted in \(store) (written every few seconds). Who calls which version:
              versiongate report deprecations --store \(store)\(versions) --all

            """
    }
}
