import Synchronization

/// Where the loops hand their ``ClientActivity`` to the task that writes it to the registry.
///
/// Concurrency: safe from any thread. A loop takes the lock once per hand-over (about once a second), never per
/// request, and holds it for a merge of what it saw.
public final class ClientActivityInbox: Sendable {
    private let activity = Mutex(ClientActivity())

    public init() {}

    public func deposit(_ activity: ClientActivity) {
        guard !activity.isEmpty else { return }
        self.activity.withLock { $0.merge(activity) }
    }

    /// Everything deposited since the last call.
    public func take() -> ClientActivity {
        self.activity.withLock { activity in
            defer { activity = ClientActivity() }
            return activity
        }
    }
}
