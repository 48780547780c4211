/// Where the usage ledger lives: SQLite for one gateway, PostgreSQL for several sharing one ledger.
///
/// Concurrency: every method may be called from any task; implementations serialise their own access. Never called
/// from an event loop of the gateway (the flusher and the report commands call it).
public protocol UsageStore: Sendable {
    /// Adds `batch` to the ledger in one transaction: each row's count is added to the stored one (an upsert), its
    /// first seen lowered and last seen raised, so that several gateways writing one ledger add up.
    /// - Throws: ``StoreError`` when the store cannot be reached or refuses the write; nothing is written then.
    func add(_ batch: UsageBatch) async throws(StoreError)

    /// Every row whose day is `since` or later.
    /// - Throws: ``StoreError`` when the store cannot be read.
    func usage(since: UsageDay) async throws(StoreError) -> UsageBatch

    /// Closes the connection(s); the store is not used afterwards.
    func close() async
}

/// Why a store could not be opened, read or written, in one line fit for an operator (never a password).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public let description: String
    /// Whether the write was refused because what it was based on changed meanwhile (another command changed the
    /// same client): read again and retry.
    public let isStale: Bool

    public init(_ description: String, isStale: Bool = false) {
        self.description = description
        self.isStale = isStale
    }
}
