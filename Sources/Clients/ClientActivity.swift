import Versioning

/// What one event loop saw of registered clients since it last reported: when each was last served, and the
/// clients to pin on their first request. Written to the registry off the loops, in one batch, so that a request
/// never waits for the store.
public struct ClientActivity: Sendable, Equatable {
    /// The last second (Unix) each client was served, by client id.
    public private(set) var lastUsed: [String: Int64] = [:]
    /// The version to pin each client to, by client id (``ClientAuthentication/pinsOnFirstRequest``): the default
    /// version when its first request was served.
    public private(set) var pins: [String: VersionName] = [:]

    public init() {}

    public var isEmpty: Bool { self.lastUsed.isEmpty && self.pins.isEmpty }

    /// Notes that `clientID` was served at `second`.
    public mutating func used(_ clientID: String, at second: Int64) {
        if let known = self.lastUsed[clientID], known >= second { return }
        self.lastUsed[clientID] = second
    }

    /// Notes that `clientID`, not pinned yet, is to be pinned to `version`; the first loop to ask wins.
    public mutating func pin(_ clientID: String, to version: VersionName) {
        if self.pins[clientID] == nil { self.pins[clientID] = version }
    }

    /// Adds what `other` saw: the later use of each client, the earlier pin.
    public mutating func merge(_ other: ClientActivity) {
        for (client, second) in other.lastUsed { self.used(client, at: second) }
        for (client, version) in other.pins { self.pin(client, to: version) }
    }
}
