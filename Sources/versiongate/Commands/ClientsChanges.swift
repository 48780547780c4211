import ArgumentParser
import Clients
import Foundation
import Gateway
import Store
import Versioning

/// `versiongate clients rotate ID [--grace 24h]`: a new token; the old one keeps working for the grace period.
struct ClientsRotate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Issue a client a new token (shown once); the old one works until the grace period ends."
    )

    @Argument(help: "The client's id (cl_…).")
    var id: String

    @Option(help: "How long the old token keeps working: 0 (the default: not at all), 30m, 24h, 7d.")
    var grace = "0"

    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let grace = try ClientPins.seconds(self.grace)
            let now = SystemClock.now().secondsSinceEpoch
            let (token, cutShort) = try await self.registry.with { registry in
                try await ClientPins.change(self.id, in: registry) { client in
                    let environment = ClientToken.Environment(rawValue: client.environment) ?? .live
                    let token = ClientToken.generate(environment)
                    // One old token is kept: one still in its grace from an earlier rotation stops now.
                    let cutShort = (client.previousTokenExpiresAt ?? 0) > now
                    // Kept even without a grace, expired at once: the gateway then says the token was replaced.
                    client.previousTokenDigest = client.tokenDigest
                    client.previousTokenExpiresAt = now + grace
                    client.tokenDigest = token.digest
                    client.tokenPrefix = token.displayPrefix
                    let detail =
                        (grace > 0
                            ? "old token works until \(ClientPins.time(now + grace))" : "old token stopped at once")
                        + (cutShort ? "; the token rotated out before it stopped at once" : "")
                    return (ClientPins.event(client, "rotate", detail, at: now), (token, cutShort))
                }
            }
            print("rotated \(self.id)")
            if cutShort { Console.status("the token rotated out before, still in its grace, stopped at once") }
            print("token: \(token.secret)")
            Console.status("the token is shown this once: put it in your secret store now")
        }
    }
}

/// `versiongate clients revoke ID`: the tokens stop working, on every running gateway within a second.
struct ClientsRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a client: running gateways refuse its tokens within a second."
    )

    @Argument(help: "The client's id (cl_…).")
    var id: String

    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let now = SystemClock.now().secondsSinceEpoch
            try await self.registry.with { registry in
                try await ClientPins.change(self.id, in: registry) { client in
                    client.revokedAt = now
                    client.previousTokenDigest = nil
                    client.previousTokenExpiresAt = nil
                    return ClientPins.event(client, "revoke", "tokens stopped", at: now)
                }
            }
            print("revoked \(self.id)")
        }
    }
}

/// `versiongate clients pin ID VERSION`: the version the client gets when it names none.
struct ClientsPin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pin",
        abstract: "Pin a client to a version: what it gets when it names none."
    )

    @Argument(help: "The client's id (cl_…).")
    var id: String

    @Argument(help: "A version of the catalog that is not retired.")
    var version: String

    @OptionGroup var registry: RegistryOptions
    @OptionGroup var versionOptions: VersionOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let pin = try ClientPins.validated(self.version, versions: self.versionOptions)
            try await ClientPins.setPin(pin, of: self.id, in: self.registry)
            print("pinned \(self.id) to \(pin)")
        }
    }
}

/// `versiongate clients unpin ID`: the client gets the default version again when it names none.
struct ClientsUnpin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unpin",
        abstract: "Unpin a client: it gets the default version when it names none."
    )

    @Argument(help: "The client's id (cl_…).")
    var id: String

    @OptionGroup var registry: RegistryOptions

    func run() async throws {
        try await CommandFailure.reporting {
            try await ClientPins.setPin(nil, of: self.id, in: self.registry)
            print("unpinned \(self.id)")
        }
    }
}

/// What the `clients` commands share: finding a client, checking a pin, reading durations, writing times.
enum ClientPins {
    /// The client `id`, which must exist (and, with `active`, not be revoked).
    static func find(
        _ id: String,
        in registry: any ClientRegistry,
        active: Bool = false
    ) async throws
        -> RegisteredClient
    {
        if self.mayHoldToken(id) {
            // Never echo what may be a token pasted in the wrong place.
            throw CommandFailure(
                message: "that looks like a token, not a client id (cl_…): versiongate clients list shows the ids"
            )
        }
        guard let client = try await registry.client(id: id) else {
            let shown = String(
                String.UnicodeScalarView(
                    id.unicodeScalars.prefix(64).map { $0.properties.generalCategory == .control ? "\u{FFFD}" : $0 }
                )
            )
            throw CommandFailure(message: "no client \(shown) in the registry (versiongate clients list shows them)")
        }
        if active, client.revokedAt != nil { throw CommandFailure(message: "\(id) is revoked") }
        return client
    }

    /// Whether `text` may hold a token (`vg_…` anywhere in it: `Bearer vg_live_…`, `token: vg_live_…`), and so must
    /// not be echoed or stored.
    static func mayHoldToken(_ text: String) -> Bool {
        text.contains("vg_")
    }

    static func setPin(_ pin: String?, of id: String, in options: RegistryOptions) async throws {
        let now = SystemClock.now().secondsSinceEpoch
        try await options.with { registry in
            try await self.change(id, in: registry) { client in
                client.pin = pin
                return self.event(
                    client,
                    pin == nil ? "unpin" : "pin",
                    pin.map { "pinned to \($0)" } ?? "unpinned",
                    at: now
                )
            }
        }
    }

    /// Applies `change` to the active client `id` and stores it with the event `change` returns. When another
    /// command changed the client meanwhile, reads it again and applies `change` to what is stored now, so that
    /// two changes made at once both hold (a revoke is never lost to a pin) and a revoked client stays revoked.
    @discardableResult
    static func change<Result>(
        _ id: String,
        in registry: any ClientRegistry,
        _ change: (inout RegisteredClient) throws -> (ClientEvent, Result)
    ) async throws -> Result {
        for attempt in 1...5 {
            var client = try await self.find(id, in: registry, active: true)
            let (event, result) = try change(&client)
            do {
                try await registry.update(client, event: event)
                return result
            } catch {
                guard error.isStale, attempt < 5 else { throw error }
            }
        }
        throw CommandFailure(message: "\(id) kept changing under this command: run it again")
    }

    static func change(
        _ id: String,
        in registry: any ClientRegistry,
        _ change: (inout RegisteredClient) throws -> ClientEvent
    ) async throws {
        try await self.change(id, in: registry) { client in (try change(&client), ()) }
    }

    /// `text` as a pin: a version of the catalog released and not retired today.
    static func validated(_ text: String, versions: VersionOptions) throws -> String {
        let (catalog, _) = try versions.load(default: .workingDirectory)
        guard let name = VersionName(text), let manifest = catalog[name] else {
            throw CommandFailure(
                message:
                    "\(text) is not a version of the catalog (\(catalog.names.map(\.description).joined(separator: ", ")))"
            )
        }
        switch VersionLifecycle.phase(of: manifest, at: try ProcessClock.fromEnvironment()()) {
        case .retired:
            throw CommandFailure(message: "\(name) is retired: a client cannot be pinned to it")
        case .draft:
            // A pin is what the client gets without asking; a draft may change under it, or not be open to it.
            throw CommandFailure(message: "\(name) is a draft: a client can be pinned to it once it is released")
        case .active, .deprecated, .brownout:
            break
        }
        return name.description
    }

    /// `30m`, `24h`, `7d` or `0` in seconds.
    static func seconds(_ text: String) throws -> Int64 {
        if text == "0" { return 0 }
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int64(text.dropLast()), count > 0,
            count <= 366 * 86400 / unit
        else {
            throw CommandFailure(message: "--grace '\(text)' must be 0 or a duration up to a year: 30m, 24h, 7d")
        }
        return count * unit
    }

    static func event(_ client: RegisteredClient, _ action: String, _ detail: String, at now: Int64) -> ClientEvent {
        ClientEvent(clientID: client.id, at: now, actor: RegistryOptions.actor, action: action, detail: detail)
    }

    /// Seconds since the epoch as RFC 3339.
    static func time(_ seconds: Int64) -> String { Instant(secondsSinceEpoch: seconds).rfc3339 }
}

extension RegisteredClient {
    /// `active`, `revoked` or `rotating` (an old token still works).
    var state: String {
        if self.revokedAt != nil { return "revoked" }
        if let expiry = self.previousTokenExpiresAt, expiry > SystemClock.now().secondsSinceEpoch { return "rotating" }
        return "active"
    }
}
