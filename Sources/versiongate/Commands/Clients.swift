import ArgumentParser
import Clients
import Foundation
import Gateway
import Store
import Versioning

/// `versiongate clients …`: the registry of API clients and their tokens.
struct Clients: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage API clients: their tokens (shown once, stored as a hash only), environments and pins.",
        subcommands: [
            ClientsCreate.self, ClientsList.self, ClientsShow.self, ClientsRotate.self, ClientsRevoke.self,
            ClientsPin.self, ClientsUnpin.self,
        ]
    )
}

/// `versiongate clients create`: registers a client and prints its token, once.
struct ClientsCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Register a client and print its new token (shown this once; only its SHA-256 is stored)."
    )

    @Option(help: "A unique name for the client (1 to 64 printable characters).")
    var name: String

    @Option(name: .customLong("env"), help: "live or test: which upstream its requests go to.")
    var environment: ClientToken.Environment

    @Option(help: "The version it gets when it names none (a released version, not a draft or a retired one).")
    var pin: String?

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var versionOptions: VersionOptions

    func run() async throws {
        try await CommandFailure.reporting {
            // A token pasted as a name would be stored and listed in clear.
            guard !ClientPins.mayHoldToken(self.name) else {
                throw CommandFailure(message: "--name looks like a token: name the client, e.g. --name acme-billing")
            }
            guard Self.isClientName(self.name) else {
                throw CommandFailure(
                    message: "--name must be 1 to 64 bytes of visible characters, without surrounding spaces, line or "
                        + "format characters"
                )
            }
            let pin = try self.pin.map { try ClientPins.validated($0, versions: self.versionOptions) }
            let token = ClientToken.generate(self.environment)
            let now = SystemClock.now().secondsSinceEpoch
            let client = RegisteredClient(
                id: ClientID.generate(),
                name: self.name,
                environment: self.environment.rawValue,
                pin: pin,
                createdAt: now,
                tokenDigest: token.digest,
                tokenPrefix: token.displayPrefix
            )
            let detail = "\(client.environment)" + (pin.map { ", pinned to \($0)" } ?? "")
            try await self.registry.with { registry in
                try await registry.create(
                    client,
                    event: ClientEvent(
                        clientID: client.id,
                        at: now,
                        actor: RegistryOptions.actor,
                        action: "create",
                        detail: detail
                    )
                )
            }
            print("created \(client.id) (\(client.name), \(detail))")
            print("token: \(token.secret)")
            Console.status("the token is shown this once: put it in your secret store now")
        }
    }
}

extension ClientsCreate {
    /// A name fit for listings: 1 to 64 bytes, no control, format (bidirectional overrides) or line and paragraph
    /// separator characters, and no space at either end, so that two names cannot look alike by hiding one.
    static func isClientName(_ name: String) -> Bool {
        guard (1...64).contains(name.utf8.count), name.first?.isWhitespace == false, name.last?.isWhitespace == false
        else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse: false
            default: true
            }
        }
    }
}

extension ClientToken.Environment: ExpressibleByArgument {}

/// `versiongate clients list`: every client, never a token.
struct ClientsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List clients: id, name, environment, pin, created, last used, state and token prefix."
    )

    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let clients = try await self.registry.with(readOnly: true) { try await $0.clients() }
            let rows =
                [["ID", "NAME", "ENV", "PIN", "CREATED", "LAST USED", "STATE", "TOKEN"]]
                + clients.map { client in
                    [
                        client.id, client.name, client.environment, client.pin ?? "-",
                        ClientPins.time(client.createdAt),
                        client.lastUsedAt.map(ClientPins.time) ?? "never", client.state, client.tokenPrefix,
                    ]
                }
            let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                let cells = row.indices.map {
                    $0 == row.count - 1 ? row[$0] : row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0)
                }
                print(cells.joined(separator: "  "))
            }
        }
    }
}

/// `versiongate clients show ID`: one client and its audit trail.
struct ClientsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a client and every change made to it (who and when)."
    )

    @Argument(help: "The client's id (cl_…).")
    var id: String

    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let (client, events) = try await self.registry.with(readOnly: true) { registry in
                (try await ClientPins.find(self.id, in: registry), try await registry.events(clientID: self.id))
            }
            print("\(client.id)  \(client.name)")
            print("environment: \(client.environment)")
            print("pin: \(client.pin ?? "none (the default version)")")
            print("state: \(client.state)")
            print("token: \(client.tokenPrefix)")
            if let expiry = client.previousTokenExpiresAt {
                print("previous token: works until \(ClientPins.time(expiry))")
            }
            print("created: \(ClientPins.time(client.createdAt))")
            print("last used: \(client.lastUsedAt.map(ClientPins.time) ?? "never")")
            print("")
            for event in events {
                print("\(ClientPins.time(event.at))  \(event.actor)  \(event.action)  \(event.detail)")
            }
        }
    }
}
