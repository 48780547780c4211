import Store
import Versioning

/// The registry as the gateway checks tokens against it: immutable, built off the event loops from
/// ``ClientRegistry/clients()``, and handed to every loop whole when the registry changes, so that a token check
/// never touches the store, takes a lock or waits.
///
/// A check (``authenticate(_:now:)``) costs the token's form and checksum (``ClientToken/check(_:)``), one SHA-256
/// of its 44 bytes and one dictionary lookup.
public struct ClientSnapshot: Sendable {
    /// A registered client, as a request authenticated by one of its tokens is served.
    public struct Client: Sendable, Equatable {
        /// `cl_…`: names the client in the ledger and to the upstream.
        public let id: String
        public let name: String
        /// Which upstream its requests go to: `live` to the upstream, `test` to the sandbox.
        public let environment: ClientToken.Environment
        /// The version served when a request names none; nil for the default.
        public let pin: VersionName?

        public init(id: String, name: String, environment: ClientToken.Environment, pin: VersionName? = nil) {
            self.id = id
            self.name = name
            self.environment = environment
            self.pin = pin
        }
    }

    /// Why a presented token does not authenticate; none quotes the token.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// Not a VersionGate token, or mistyped (its checksum fails): known without the registry.
        case malformed(ClientTokenError)
        /// Well-formed, but no client has it.
        case unknown
        /// Its client was revoked.
        case revoked
        /// Replaced by a rotation, and its grace has ended.
        case expired

        public var description: String {
            switch self {
            case .malformed(.notAToken): "the token is not a VersionGate token (vg_live_… or vg_test_…)"
            case .malformed(.malformed): "the token has the wrong length or characters"
            case .malformed(.checksumMismatch): "the token's checksum does not match (mistyped or cut)"
            case .unknown: "the token is not known"
            case .revoked: "the token was revoked"
            case .expired: "the token was replaced and its grace period has ended"
            }
        }
    }

    private enum Entry: Sendable {
        case current(Client)
        /// A rotated-out token, still accepted until `expiresAt` (Unix seconds).
        case previous(Client, expiresAt: Int64)
        case revoked
    }

    /// The registry's ``ClientRegistry/generation()`` the snapshot was built at.
    public let generation: Int64
    /// Every registered client, revoked ones included.
    public let count: Int
    /// The ids of the `test` clients, whose traffic reports keep apart from live traffic.
    public let testClientIDs: Set<String>
    private let entries: [TokenDigest: Entry]

    /// No client: every token is unknown.
    public static let empty = ClientSnapshot(clients: [], generation: 0)

    /// - Parameter clients: as ``ClientRegistry/clients()`` returns them; a stored digest that is not 32 bytes, or
    ///   an environment other than `live` and `test`, leaves that token out (unknown).
    public init(clients: [RegisteredClient], generation: Int64) {
        var entries: [TokenDigest: Entry] = [:]
        var testClientIDs: Set<String> = []
        for stored in clients {
            guard let environment = ClientToken.Environment(rawValue: stored.environment) else { continue }
            if environment == .test { testClientIDs.insert(stored.id) }
            let client = Client(
                id: stored.id,
                name: stored.name,
                environment: environment,
                pin: stored.pin.flatMap(VersionName.init)
            )
            let revoked = stored.revokedAt != nil
            if let digest = TokenDigest(stored.tokenDigest) {
                entries[digest] = revoked ? .revoked : .current(client)
            }
            if let digest = stored.previousTokenDigest.flatMap(TokenDigest.init),
                let expiresAt = stored.previousTokenExpiresAt
            {
                entries[digest] = revoked ? .revoked : .previous(client, expiresAt: expiresAt)
            }
        }
        self.entries = entries
        self.testClientIDs = testClientIDs
        self.count = clients.count
        self.generation = generation
    }

    /// The client `token` belongs to, at `now` (Unix seconds).
    public func authenticate(_ token: Substring, now: Int64) -> Result<Client, Failure> {
        let environment: ClientToken.Environment
        do { environment = try ClientToken.check(token.utf8) } catch { return .failure(.malformed(error)) }
        switch self.entries[TokenDigest(of: token.utf8)] {
        case .current(let client) where client.environment == environment:
            return .success(client)
        case .previous(let client, let expiresAt) where client.environment == environment:
            return now < expiresAt ? .success(client) : .failure(.expired)
        case .revoked:
            return .failure(.revoked)
        case .current, .previous, nil:
            return .failure(.unknown)
        }
    }
}
