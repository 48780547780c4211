import Versioning

/// What a migration check found: which breaking changes on the way from one version to a newer one hit a client's
/// traffic, which touch nothing it used, and the non-breaking ones. Rendered as text, Markdown, JSON or JUnit XML.
public struct MigrationCheckResult: Sendable, Equatable {
    /// What the check read.
    public enum Source: Sendable, Equatable {
        /// Recorded traffic: the files, in the order given.
        case traffic(files: [String])
        /// The usage ledger: the client's traffic on `from` in a window (`since 30d`, say).
        case ledger(client: String, window: String)
    }

    public let from: VersionName
    public let to: VersionName
    public let source: Source
    /// Requests examined: recorded exchanges, or the ledger's requests from the client on `from`.
    public let requests: Int
    /// Each change on the way, in the order the chain declares them, with what it hits.
    public let outcomes: [ChangeOutcome]
    /// Requests to paths no manifest names; changes that apply to every endpoint were still checked against them.
    public let unplaced: UnplacedRequests
    /// Request or response bodies a change concerns that were not JSON, so their changes could not be told.
    public let unreadableBodies: Int
    /// Recorded requests without a recorded response, whose response-side changes could not be told.
    public let unanswered: Int
    /// Recorded exchanges served in another version than `from` (their `API-Version` says so), left out.
    public let otherVersions: Int
    /// A base path (`/api`) under which unplaced requests would reach endpoints the manifests name, the most
    /// common one: the recording was probably made under it.
    public let hiddenBasePath: String?
    /// For a check from the ledger: how many of the requests were compared with the newer version at all.
    public let coverage: LedgerCoverage?

    public init(
        from: VersionName,
        to: VersionName,
        source: Source,
        requests: Int,
        outcomes: [ChangeOutcome],
        unplaced: UnplacedRequests = UnplacedRequests(),
        unreadableBodies: Int = 0,
        unanswered: Int = 0,
        otherVersions: Int = 0,
        hiddenBasePath: String? = nil,
        coverage: LedgerCoverage? = nil
    ) {
        self.from = from
        self.to = to
        self.source = source
        self.requests = requests
        self.outcomes = outcomes
        self.unplaced = unplaced
        self.unreadableBodies = unreadableBodies
        self.unanswered = unanswered
        self.otherVersions = otherVersions
        self.hiddenBasePath = hiddenBasePath
        self.coverage = coverage
    }

    /// Breaking changes that hit at least one request: what the client must handle before it moves.
    public var hits: [ChangeOutcome] { self.outcomes.filter { $0.change.change.breaking && $0.requests > 0 } }
    /// Breaking changes that hit nothing that could be examined, but concern requests whose subject could not be
    /// looked for (a body not JSON or not recorded; from the ledger, requests never compared): not known to be safe.
    public var unchecked: [ChangeOutcome] {
        self.outcomes.filter { $0.change.change.breaking && $0.requests == 0 && $0.unexamined > 0 }
    }
    /// Breaking changes that touch nothing the client used: safe for it.
    public var safe: [ChangeOutcome] {
        self.outcomes.filter { $0.change.change.breaking && $0.requests == 0 && $0.unexamined == 0 }
    }
    /// Changes that break nobody, with what they would alter all the same.
    public var informational: [ChangeOutcome] { self.outcomes.filter { !$0.change.change.breaking } }

    /// Whether the client can move as it is: no breaking change hits it, and none could go unseen.
    public var passed: Bool { self.hits.isEmpty && self.unchecked.isEmpty }
}

/// How many of a client's requests in the ledger were compared with the newer version of a check: translated to
/// an upstream speaking it (or a later one), or previewing it. Changes could only fire on those.
public struct LedgerCoverage: Sendable, Equatable {
    public let evaluated: Int
    /// Of ``evaluated``, the requests that previewed the version (`API-Version-Preview`).
    public let previewed: Int

    public init(evaluated: Int, previewed: Int) {
        self.evaluated = evaluated
        self.previewed = previewed
    }
}

/// One change and the requests it would alter.
public struct ChangeOutcome: Sendable, Equatable {
    public let change: DeclaredChange
    /// Requests whose exchange the change would alter; 0 when it touches nothing the client used.
    public var requests: Int
    /// Requests the change concerns whose subject could not be looked for: a body not JSON or not recorded, or
    /// (from the ledger) requests never compared with the newer version.
    public var unexamined: Int
    /// The first such request, as the check shows it.
    public var example: HitExample?

    public init(change: DeclaredChange, requests: Int = 0, unexamined: Int = 0, example: HitExample? = nil) {
        self.change = change
        self.requests = requests
        self.unexamined = unexamined
        self.example = example
    }
}

/// One request a change hits, safe to print: its method, its target with credential-like query values redacted
/// (or the route template, from the ledger), where the change found its subject, and where the request was
/// recorded.
public struct HitExample: Sendable, Equatable {
    public let method: String
    public let target: String
    /// `field vendor_id in the response body`.
    public let subject: String
    /// `calls.har entry 3`; nil for examples from the ledger.
    public let origin: String?

    public init(method: String, target: String, subject: String, origin: String?) {
        self.method = method
        self.target = target
        self.subject = subject
        self.origin = origin
    }
}

/// Requests to paths no manifest names: how many, and the most frequent paths (without their queries).
public struct UnplacedRequests: Sendable, Equatable {
    /// At most this many paths are listed.
    public static let listed = 10

    public var count = 0
    /// `(method and path, requests)`, most frequent first, at most ``listed``.
    public var paths: [(String, Int)] = []

    public init(count: Int = 0, paths: [(String, Int)] = []) {
        self.count = count
        self.paths = paths
    }

    public static func == (lhs: UnplacedRequests, rhs: UnplacedRequests) -> Bool {
        lhs.count == rhs.count && lhs.paths.elementsEqual(rhs.paths) { $0 == $1 }
    }
}
