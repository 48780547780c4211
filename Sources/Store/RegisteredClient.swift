import Foundation

/// One API client as the registry keeps it.
///
/// The token itself is never stored: only its SHA-256 digest (which the gateway compares against the digest of the
/// token a request presents) and a short non-secret prefix for display.
public struct RegisteredClient: Sendable, Equatable {
    /// Made by the caller, e.g. `cl_7f3k2m9q4x1z`; never changes.
    public var id: String
    /// Unique across clients.
    public var name: String
    /// `live` or `test`.
    public var environment: String
    /// The version served when a request names none, or nil for the default.
    public var pin: String?
    /// Unix seconds.
    public var createdAt: Int64
    /// Unix seconds; nil while the client is active.
    public var revokedAt: Int64?
    /// The SHA-256 digest of the current token: 32 bytes, unique across clients.
    public var tokenDigest: [UInt8]
    /// The token's first characters, e.g. `vg_live_AbC1`, to tell tokens apart in listings.
    public var tokenPrefix: String
    /// The digest of the token before the last rotation, while its grace lasts (32 bytes), else nil.
    public var previousTokenDigest: [UInt8]?
    /// Unix seconds at which the previous token stops working.
    public var previousTokenExpiresAt: Int64?
    /// Unix seconds of the last request seen with one of the client's tokens.
    public var lastUsedAt: Int64?
    /// How many times the stored client has been changed: ``ClientRegistry/update(_:event:)`` writes only over the
    /// revision it was read at, so that two changes made at once cannot undo each other (a revoke lost to a pin).
    public var revision: Int64 = 0

    /// A client; what it has not (a pin, a revocation, a previous token, a use) defaults to nil.
    public init(
        id: String,
        name: String,
        environment: String,
        pin: String? = nil,
        createdAt: Int64,
        revokedAt: Int64? = nil,
        tokenDigest: [UInt8],
        tokenPrefix: String,
        previousTokenDigest: [UInt8]? = nil,
        previousTokenExpiresAt: Int64? = nil,
        lastUsedAt: Int64? = nil,
        revision: Int64 = 0
    ) {
        self.id = id
        self.name = name
        self.environment = environment
        self.pin = pin
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.tokenDigest = tokenDigest
        self.tokenPrefix = tokenPrefix
        self.previousTokenDigest = previousTokenDigest
        self.previousTokenExpiresAt = previousTokenExpiresAt
        self.lastUsedAt = lastUsedAt
        self.revision = revision
    }

    /// What makes names the same to a person: ``name`` in Unicode normalization form C, lower-cased. Unique across
    /// clients, so that `Acme` cannot be registered beside `acme`, nor `é` composed beside `é` decomposed.
    public var nameKey: String { Self.nameKey(of: self.name) }

    /// `name` as ``nameKey`` compares it.
    public static func nameKey(of name: String) -> String {
        name.precomposedStringWithCanonicalMapping.lowercased()
    }
}
