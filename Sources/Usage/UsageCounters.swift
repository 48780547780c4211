import Store
import Versioning

/// One loop's ledger since its last hand-over: in-memory counts keyed as the store keys them, but in the
/// loop's own terms (versions as ``VersionName``, changes as ``ChangeReference``), turned into rows off the loop
/// (``UsageCounts/batch``).
///
/// Recording a request is a dictionary increment: no lock, no I/O, and no allocation beyond a new key's. The number
/// of keys is bounded (``maxKeys``); requests that would need a key beyond it are counted in ``UsageCounts/dropped``.
///
/// Concurrency: owned by one event loop; ``drain()`` hands its counts to another thread as a value.
public struct UsageCounters {
    /// The most keys a loop holds between hand-overs (about 200 bytes each).
    public let maxKeys: Int
    /// The most upstream durations a loop holds between hand-overs (8 bytes each); later ones are not sampled.
    public static let maxDurations = 1 << 16
    private var counts = UsageCounts()

    public init(maxKeys: Int = 100_000) {
        self.maxKeys = maxKeys
    }

    public var isEmpty: Bool { self.counts.isEmpty }

    /// Counts one answered request, each change that altered it, and each version it was evaluated against.
    ///
    /// A request whose own key is beyond the bound is dropped whole (its changes and evaluations with it) and
    /// counted once; a change or evaluation beyond it is dropped alone, and counted.
    ///
    /// - Parameters:
    ///   - second: when it was answered, in seconds since the epoch (UTC).
    ///   - fired: the declared changes that altered the request or its response.
    ///   - evaluations: the versions the exchange was translated to or previewed against; each distinct one counts
    ///     the request once on its ``EvaluationKey``. Empty when the request was served as it came.
    public mutating func record(
        _ key: RequestKey,
        at second: Int64,
        fired: FiredChanges,
        evaluations: [Evaluation] = []
    ) {
        let tally = UsageTally(at: second)
        guard self.counts.requests.add(tally, at: key, mayAddKey: self.mayAddKey) else {
            self.counts.dropped += 1
            return
        }
        for change in fired {
            let changeKey = ChangeKey(day: key.day, client: key.client, served: key.served, change: change)
            if !self.counts.changes.add(tally, at: changeKey, mayAddKey: self.mayAddKey) { self.counts.dropped += 1 }
        }
        for (index, evaluation) in evaluations.enumerated() where !evaluations[..<index].contains(evaluation) {
            let evaluationKey = EvaluationKey(
                day: key.day,
                client: key.client,
                served: key.served,
                evaluated: evaluation.version,
                via: evaluation.via
            )
            if !self.counts.evaluations.add(tally, at: evaluationKey, mayAddKey: self.mayAddKey) {
                self.counts.dropped += 1
            }
        }
    }

    /// Whether a new key fits under ``maxKeys``.
    private var mayAddKey: Bool { self.counts.keyCount < self.maxKeys }

    /// Notes how long an upstream exchange took, for the latency histogram.
    public mutating func recordUpstream(nanoseconds: UInt64) {
        guard self.counts.upstreamDurations.count < Self.maxDurations else { return }
        self.counts.upstreamDurations.append(nanoseconds)
    }

    /// Counts an upstream exchange that failed, by kind (`unreachable`, `timed-out`, …).
    public mutating func recordAcceptPause() {
        self.counts.acceptPauses += 1
    }

    public mutating func recordUpstreamError(kind: String) {
        self.counts.upstreamErrors[kind, default: 0] += 1
    }

    /// The counts so far, leaving these empty.
    public mutating func drain() -> UsageCounts {
        defer { self.counts = UsageCounts() }
        return self.counts
    }
}

/// The ledger's main key, as a loop records it: see ``RequestUsage``.
public struct RequestKey: Hashable, Sendable {
    public var day: UsageDay
    public var client: String
    public var requested: RequestedVersion
    public var served: VersionName
    /// A standard method's name, or `OTHER` (see ``RequestKey/method(_:)``).
    public var method: String
    public var route: String
    /// 1 for 1xx … 5 for 5xx.
    public var statusClass: UInt8

    public init(
        day: UsageDay,
        client: String,
        requested: RequestedVersion,
        served: VersionName,
        method: String,
        route: String,
        status: Int
    ) {
        self.day = day
        self.client = client
        self.requested = requested
        self.served = served
        self.method = Self.method(method)
        self.route = route
        self.statusClass = UInt8(clamping: status / 100)
    }

    /// The methods of RFC 9110 §9 and PATCH (RFC 5789) keep their names; any other becomes `OTHER`, so that
    /// clients cannot grow the ledger with made-up methods.
    public static func method(_ method: String) -> String {
        switch method {
        case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT": method
        default: "OTHER"
        }
    }
}

/// A change that fired for a client on a day, as a loop records it: see ``ChangeUsage``.
public struct ChangeKey: Hashable, Sendable {
    public var day: UsageDay
    public var client: String
    public var served: VersionName
    public var change: ChangeReference
}

/// Counts handed over by a loop (or merged from several), not yet written.
public struct UsageCounts: Sendable {
    public var requests: [RequestKey: UsageTally] = [:]
    public var changes: [ChangeKey: UsageTally] = [:]
    public var evaluations: [EvaluationKey: UsageTally] = [:]
    /// Requests (or change firings, or evaluations) not counted because a bound was reached.
    public var dropped: Int64 = 0
    /// How long each upstream exchange took, in nanoseconds, for the latency histogram.
    public var upstreamDurations: [UInt64] = []
    /// Failed upstream exchanges by kind.
    public var upstreamErrors: [String: Int64] = [:]
    /// Pauses in accepting connections for want of file descriptors.
    public var acceptPauses: Int64 = 0

    public init() {}

    public var isEmpty: Bool {
        self.requests.isEmpty && self.changes.isEmpty && self.evaluations.isEmpty && self.dropped == 0
            && self.upstreamDurations.isEmpty && self.upstreamErrors.isEmpty && self.acceptPauses == 0
    }

    var keyCount: Int { self.requests.count + self.changes.count + self.evaluations.count }

    /// The counts as store rows.
    public var batch: UsageBatch {
        var batch = UsageBatch()
        for (key, tally) in self.requests {
            let row = RequestUsage(
                day: key.day,
                client: key.client,
                requestedVersion: key.requested.storedName,
                servedVersion: key.served.description,
                method: key.method,
                route: key.route,
                statusClass: Int(key.statusClass)
            )
            batch.requests.add(tally, at: row)
        }
        for (key, tally) in self.changes {
            let row = ChangeUsage(
                day: key.day,
                client: key.client,
                servedVersion: key.served.description,
                changeVersion: key.change.version.description,
                changeID: key.change.id
            )
            batch.changes.add(tally, at: row)
        }
        for (key, tally) in self.evaluations {
            let row = EvaluationUsage(
                day: key.day,
                client: key.client,
                servedVersion: key.served.description,
                evaluatedVersion: key.evaluated.description,
                via: key.via.rawValue
            )
            batch.evaluations.add(tally, at: row)
        }
        return batch
    }
}
