import Versioning

/// What the usage ledger recorded of one client's requests served in one version over a window: the input of a
/// check from the ledger (``MigrationCheckResult/init(catalog:from:to:ledger:)``). The ledger keeps counts, never
/// exchanges, so a check from it knows the endpoints the client called and the changes that fired on its traffic,
/// but not where in an exchange a change found its subject.
public struct LedgerEvidence: Sendable, Equatable {
    /// Requests by method and route template (`GET /purchase-orders/{id}`), as the ledger keys them.
    public struct Route: Sendable, Hashable {
        public var method: String
        public var route: String

        public init(method: String, route: String) {
            self.method = method
            self.route = route
        }
    }

    public var client: String
    /// `since 30d`, as the check prints it.
    public var window: String
    public var requests: [Route: Int]
    /// Requests each change altered, or would have altered in a preview.
    public var changes: [ChangeReference: Int]
    /// Requests evaluated against each version: translated to an upstream speaking it, or previewing it.
    public var evaluated: [VersionName: Int]
    /// Of those, the requests that previewed each version.
    public var previewed: [VersionName: Int]

    public init(
        client: String,
        window: String,
        requests: [Route: Int],
        changes: [ChangeReference: Int],
        evaluated: [VersionName: Int],
        previewed: [VersionName: Int] = [:]
    ) {
        self.client = client
        self.window = window
        self.requests = requests
        self.changes = changes
        self.evaluated = evaluated
        self.previewed = previewed
    }
}
