/// The bytes of request and response bodies one event loop may hold at once: its share of the gateway's
/// `--max-buffered-bytes`. Transfers reserve response bytes as curl delivers them and stop when the budget is
/// spent; the connection that gets a response releases them once it is written.
///
/// Concurrency: confined to its loop's thread, like everything it is shared with; no locks.
public final class BufferBudget {
    /// Most bytes held at once, in bytes.
    public let limit: Int
    /// Bytes reserved and not yet released.
    public private(set) var held = 0

    public init(limit: Int) {
        self.limit = limit
    }

    /// Reserves `bytes`; false, reserving nothing, when they do not fit.
    public func reserve(_ bytes: Int) -> Bool {
        guard bytes <= self.limit - self.held else { return false }
        self.held += bytes
        return true
    }

    /// Gives back `bytes` reserved earlier.
    public func release(_ bytes: Int) {
        self.held -= bytes
        assert(self.held >= 0, "released more than was reserved")
    }
}
