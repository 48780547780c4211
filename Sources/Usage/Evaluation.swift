import Store
import Versioning

/// How the gateway came to evaluate a request against a version other than the one that served it.
public enum EvaluationMode: String, Sendable, Hashable {
    /// The exchange was translated between the served version and an upstream speaking the evaluated version: every
    /// change declared between the two applied to it where its scope matched.
    case translation
    /// The client asked for a shadow preview (`API-Version-Preview: v2`): the exchange was compared against the
    /// evaluated version without changing what the client got.
    case preview
}

/// One version a request was evaluated against, and how: what ``UsageCounters/record(_:at:fired:evaluations:)``
/// counts on an ``EvaluationKey``.
public struct Evaluation: Hashable, Sendable {
    /// The upstream's version for a translation; the version named in `API-Version-Preview` for a preview.
    public var version: VersionName
    public var via: EvaluationMode

    public init(version: VersionName, via: EvaluationMode) {
        self.version = version
        self.via = via
    }
}

/// Requests of a client's, served in one version, that were evaluated against another on a day, as a loop records
/// them: see ``EvaluationUsage``. Read with ``ChangeKey``: changes of the evaluated version that never fired for
/// requests that were evaluated against it are changes the client's traffic does not touch, whereas without an
/// evaluation nothing fired because nothing was compared.
public struct EvaluationKey: Hashable, Sendable {
    public var day: UsageDay
    public var client: String
    public var served: VersionName
    public var evaluated: VersionName
    public var via: EvaluationMode

    public init(day: UsageDay, client: String, served: VersionName, evaluated: VersionName, via: EvaluationMode) {
        self.day = day
        self.client = client
        self.served = served
        self.evaluated = evaluated
        self.via = via
    }
}
