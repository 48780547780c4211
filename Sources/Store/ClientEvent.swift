/// One recorded change to a client: the audit trail `versiongate clients show` prints. Events are only ever added.
public struct ClientEvent: Sendable, Equatable {
    /// The client changed.
    public var clientID: String
    /// Unix seconds.
    public var at: Int64
    /// Who made the change, e.g. the OS user running the command.
    public var actor: String
    /// `create`, `rotate`, `revoke`, `pin` or `unpin`.
    public var action: String
    /// What changed, for people, e.g. `pinned to v2`; never a token.
    public var detail: String

    public init(clientID: String, at: Int64, actor: String, action: String, detail: String) {
        self.clientID = clientID
        self.at = at
        self.actor = actor
        self.action = action
        self.detail = detail
    }
}
