/// What one day's requests of one kind looked like: the ledger's main key.
///
/// Never a raw path, query string or token: `route` is a manifest's endpoint template (`/purchase-orders/{id}`) or
/// a first segment (`/reports/…`), and `client` a registry id, a token fingerprint (`fp_3f9a1c0e`), a client-id
/// header value, or `anonymous`.
public struct RequestUsage: Sendable, Hashable {
    public var day: UsageDay
    public var client: String
    /// The version the request named; nil when it named none (it got its pin or the default).
    public var requestedVersion: String?
    /// The version that answered (stamped on the response).
    public var servedVersion: String
    public var method: String
    public var route: String
    /// The status class: 1 for 1xx … 5 for 5xx.
    public var statusClass: Int

    public init(
        day: UsageDay,
        client: String,
        requestedVersion: String?,
        servedVersion: String,
        method: String,
        route: String,
        statusClass: Int
    ) {
        self.day = day
        self.client = client
        self.requestedVersion = requestedVersion
        self.servedVersion = servedVersion
        self.method = method
        self.route = route
        self.statusClass = statusClass
    }
}

/// One declared change that actually altered a client's request or its response on one day: what nobody but the
/// gateway can know, and what deprecation reports and migration checks are built on.
public struct ChangeUsage: Sendable, Hashable {
    public var day: UsageDay
    public var client: String
    /// The version that answered the request.
    public var servedVersion: String
    /// The version whose manifest declares the change (change ids are unique within a manifest).
    public var changeVersion: String
    public var changeID: String

    public init(day: UsageDay, client: String, servedVersion: String, changeVersion: String, changeID: String) {
        self.day = day
        self.client = client
        self.servedVersion = servedVersion
        self.changeVersion = changeVersion
        self.changeID = changeID
    }
}

/// Requests of a client's that the gateway evaluated against a version other than the one that served them, on one
/// day: what tells "no change of that version altered this client's traffic" apart from "its traffic was never
/// compared with that version", which ``ChangeUsage`` alone cannot.
public struct EvaluationUsage: Sendable, Hashable {
    public var day: UsageDay
    public var client: String
    /// The version that answered the request (stamped on the response).
    public var servedVersion: String
    /// The version the exchange was evaluated against: the upstream's when it was translated, the one named in
    /// `API-Version-Preview` when it was previewed.
    public var evaluatedVersion: String
    /// How it was evaluated: `translation` or `preview` (the Usage module's `EvaluationMode`). Text, so that a later
    /// mode needs no migration.
    public var via: String

    public init(day: UsageDay, client: String, servedVersion: String, evaluatedVersion: String, via: String) {
        self.day = day
        self.client = client
        self.servedVersion = servedVersion
        self.evaluatedVersion = evaluatedVersion
        self.via = via
    }
}

/// How many requests a key counted, and when the first and last of them were seen (seconds since the epoch).
public struct UsageTally: Sendable, Equatable {
    public var count: Int64
    public var firstSeen: Int64
    public var lastSeen: Int64

    public init(count: Int64, firstSeen: Int64, lastSeen: Int64) {
        self.count = count
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    /// One request seen at `second`.
    public init(at second: Int64) {
        self.init(count: 1, firstSeen: second, lastSeen: second)
    }

    /// Adds `other`'s requests: counts add up, the seen window widens.
    public mutating func merge(_ other: UsageTally) {
        self.count += other.count
        self.firstSeen = min(self.firstSeen, other.firstSeen)
        self.lastSeen = max(self.lastSeen, other.lastSeen)
    }

    /// The two tallies as one.
    public static func merged(_ first: UsageTally, _ second: UsageTally) -> UsageTally {
        var merged = first
        merged.merge(second)
        return merged
    }
}

/// A set of ledger rows: what one flush writes (additively), or what a store returns for a window.
///
/// Evaluation rows count the same requests as request rows, from another angle: they are never added to request
/// totals.
public struct UsageBatch: Sendable, Equatable {
    public var requests: [RequestUsage: UsageTally]
    public var changes: [ChangeUsage: UsageTally]
    public var evaluations: [EvaluationUsage: UsageTally]

    public init(
        requests: [RequestUsage: UsageTally] = [:],
        changes: [ChangeUsage: UsageTally] = [:],
        evaluations: [EvaluationUsage: UsageTally] = [:]
    ) {
        self.requests = requests
        self.changes = changes
        self.evaluations = evaluations
    }

    public var isEmpty: Bool { self.requests.isEmpty && self.changes.isEmpty && self.evaluations.isEmpty }

    /// The rows of the clients `keeps` accepts, by the ledger's client name.
    public func filter(clients keeps: (String) -> Bool) -> UsageBatch {
        UsageBatch(
            requests: self.requests.filter { keeps($0.key.client) },
            changes: self.changes.filter { keeps($0.key.client) },
            evaluations: self.evaluations.filter { keeps($0.key.client) }
        )
    }

    /// Adds `other`'s rows to these, key by key.
    public mutating func merge(_ other: UsageBatch) {
        self.requests.merge(other.requests, uniquingKeysWith: UsageTally.merged)
        self.changes.merge(other.changes, uniquingKeysWith: UsageTally.merged)
        self.evaluations.merge(other.evaluations, uniquingKeysWith: UsageTally.merged)
    }
}
