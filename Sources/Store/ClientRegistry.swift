/// Where the API clients are registered: the same database as the usage ledger (SQLite or PostgreSQL), opened with
/// ``ClientRegistries/open(_:environment:logger:)``.
///
/// Every write changes one client and appends one ``ClientEvent``, in one transaction, and changes ``generation()``;
/// on PostgreSQL it also sends `NOTIFY versiongate_clients` with the client's id (see
/// ``ClientRegistries/notificationChannel``), which reaches listeners only once the write is committed.
///
/// Concurrency: every method may be called from any task; implementations serialise their own access. Never called
/// from an event loop of the gateway: the gateway checks tokens against a snapshot it builds from ``clients()``.
public protocol ClientRegistry: Sendable {
    /// Adds `client` and its `create` event in one transaction.
    /// - Throws: ``StoreError`` in one line, nothing written then: for a name or id another client has already (`a
    ///   client named 'acme' exists already`), a token digest that is not 32 bytes, an event about another client,
    ///   or a store failure.
    func create(_ client: RegisteredClient, event: ClientEvent) async throws(StoreError)

    /// Replaces the stored client that has `client`'s id and appends `event`, in one transaction; its
    /// ``RegisteredClient/lastUsedAt`` stays as stored (see ``recordUse(_:)``).
    /// - Throws: ``StoreError`` in one line, nothing written then: for an unknown id (`no client has the id 'cl_…'`),
    ///   a name another client has, or as ``create(_:event:)`` does.
    func update(_ client: RegisteredClient, event: ClientEvent) async throws(StoreError)

    /// Every client, ordered by name (byte order).
    func clients() async throws(StoreError) -> [RegisteredClient]

    /// The client with this id, or nil.
    func client(id: String) async throws(StoreError) -> RegisteredClient?

    /// The client's events, oldest first; none for an unknown id.
    func events(clientID: String) async throws(StoreError) -> [ClientEvent]

    /// A number that grows with every committed write of any process, so that a gateway notices a change by
    /// polling it cheaply (one row): 0 for a registry never written.
    func generation() async throws(StoreError) -> Int64

    /// Waits until a write may have been committed since `generation` was read, or `timeout` has passed, and
    /// returns the generation then: `generation` itself when nothing changed. SQLite polls the counter every
    /// 100 ms; PostgreSQL waits for `NOTIFY` on a connection of its own, which reconnects when lost (and wakes the
    /// caller then, since writes may have been missed). Throws, on SQLite, once the path names another file than the
    /// one opened (replaced or removed): the registry would go on reading a file nobody writes.
    func generation(changedFrom generation: Int64, waitingAtMost timeout: Duration) async throws(StoreError) -> Int64

    /// Records when clients were last served, by id (Unix seconds): a stored time only moves forward, and an unknown
    /// id is skipped. Not a change to the client: no event, no new revision or generation.
    func recordUse(_ lastUsed: [String: Int64]) async throws(StoreError)

    /// Closes the connection; the registry is not used afterwards.
    func close() async
}
