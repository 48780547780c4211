import ArgumentParser
import Clients
import CurlClient
import EventLoop
import Foundation
import Gateway
import Store
import Versioning

/// How `serve` knows its clients: whether requests present the registry's tokens, where test clients go, and what
/// the upstream learns of the client.
struct AuthOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Client tokens (versiongate clients create): off, optional (a request without one is anonymous) or "
                + "required (401 without a valid one).",
            valueName: "off|optional|required"
        )
    )
    var auth: ClientAuthentication.Mode = .off

    @Option(help: "Base URL where test clients' requests go (vg_test_ tokens); without it they get 403.")
    var sandboxUpstream: String?

    @Flag(inversion: .prefixedNo, help: "Pin a client without a pin to the default version at its first request.")
    var pinOnFirstRequest = false

    @Flag(inversion: .prefixedNo, help: "Send the client's Authorization field upstream (removed by default).")
    var forwardCredentials = false

    @Option(help: "The field that names the client (its registry id) to the upstream.")
    var upstreamClientIDHeader = "X-Client-ID"

    func validate() throws {
        if self.auth == .off {
            let needsAuth = [
                ("--sandbox-upstream", self.sandboxUpstream != nil), ("--pin-on-first-request", self.pinOnFirstRequest),
                ("--forward-credentials", self.forwardCredentials),
            ]
            if let (option, _) = needsAuth.first(where: { $0.1 }) {
                throw ValidationError("\(option) needs --auth optional or --auth required")
            }
        }
        let name = self.upstreamClientIDHeader
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x3A }),
            !["authorization", "host", "content-length", "transfer-encoding"].contains(name.lowercased())
        else {
            throw ValidationError("--upstream-client-id-header must be a header name like X-Client-ID")
        }
    }

    /// The settings, the sandbox checked against the live upstreams it must never be; the loops' activity goes
    /// nowhere until ``ClientAuthentication/activity`` is set.
    /// - Parameter live: every upstream live clients reach.
    private func authentication(live: [UpstreamURL]) throws -> ClientAuthentication {
        let sandbox = try self.sandboxUpstream.map(UpstreamURL.parsing)
        if let sandbox, live.contains(where: { UpstreamEndpoints.overlap($0, sandbox) }) {
            throw CommandFailure(
                message: "--sandbox-upstream must differ from every live upstream: test traffic never reaches live"
            )
        }
        return ClientAuthentication(
            mode: self.auth,
            sandboxUpstream: sandbox,
            pinsOnFirstRequest: self.pinOnFirstRequest,
            forwardsCredentials: self.forwardCredentials,
            upstreamClientIDFieldName: self.upstreamClientIDHeader
        )
    }
}

extension AuthOptions {
    /// Sets `configuration`'s authentication, opens the client registry when tokens are checked, and starts the
    /// gateway; on failure, closes what it opened and finishes `usage`.
    func start(
        _ configuration: GatewayConfiguration,
        catalog: VersionCatalog,
        guides: [String: String],
        usage: RunningUsage
    ) async throws -> (GatewayServer, RunningClients?) {
        var configuration = configuration
        var clients: RunningClients?
        do {
            configuration.authentication = try self.authentication(
                live: [configuration.upstream] + configuration.versionUpstreams.values
            )
            let ownFields = [
                configuration.versionHeaderName, configuration.previewHeaderName, "Via", "Forwarded",
                "X-Forwarded-For", "X-Request-ID",
            ]
            if let taken = ownFields.first(where: { $0.lowercased() == self.upstreamClientIDHeader.lowercased() }) {
                throw CommandFailure(
                    message: "--upstream-client-id-header cannot be \(taken): the gateway sets that field itself"
                )
            }
            clients = try await self.openClients(at: usage.location)
            configuration.authentication.activity = clients?.activity
            // A loop says this from its thread, which must not wait on standard error.
            configuration.notice = { line in DispatchQueue.global().async { Console.status(line) } }
            let files = FileDescriptorLimit.raiseToHard()
            if !HeapRetention.apply() {
                Console.status("the allocator refused a threshold: freed memory may be returned to the system")
            }
            let server = try GatewayServer.start(
                configuration: configuration,
                catalog: catalog,
                guides: guides,
                clients: clients?.initial ?? .empty
            )
            Console.status(
                files.after > files.before
                    ? "open-files limit raised from \(files.before) to \(files.after), the hard limit"
                    : files.after == files.hard
                        ? "open-files limit \(files.after), soft and hard"
                        : "open-files limit \(files.after): could not raise it to the hard limit, \(files.hard)"
            )
            return (server, clients)
        } catch {
            await clients?.finish()
            _ = await usage.finish()
            throw error
        }
    }

    /// The client registry, in the ledger's store, when tokens are checked; nil otherwise.
    /// - Throws: ``CommandFailure`` when tokens are to be checked without a store, or the registry cannot be read.
    private func openClients(at location: StoreLocation?) async throws -> RunningClients? {
        guard self.auth != .off else { return nil }
        guard let location else {
            throw CommandFailure(
                message: "--auth \(self.auth.rawValue) needs the client registry: --store cannot be off"
            )
        }
        return try await RunningClients.open(location, environment: ProcessInfo.processInfo.environment)
    }
}

extension ClientAuthentication.Mode: ExpressibleByArgument {}
