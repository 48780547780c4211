import Usage

/// What the loops need to count requests for the usage ledger and metrics: where to hand the counts over.
/// Without it (``GatewayConfiguration/usage`` nil) nothing is counted.
public struct UsageRecording: Sendable {
    /// Where each loop deposits its counts about once a second and when it stops; the flusher takes them from there.
    public let inbox: UsageInbox
    /// The most keys a loop holds between hand-overs; see ``UsageCounters/maxKeys``.
    public let maxKeysPerLoop: Int

    public init(inbox: UsageInbox, maxKeysPerLoop: Int = 100_000) {
        self.inbox = inbox
        self.maxKeysPerLoop = maxKeysPerLoop
    }
}
