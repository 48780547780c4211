/// One numbered step of the store's schema. The usage ledger and the client registry share one database and one
/// sequence of migrations: opening either applies all of them, each once, in its own transaction, recording its number
/// in `schema_migrations`; numbers only grow, and a released migration is never edited.
struct SchemaMigration: Sendable {
    let version: Int
    let statements: [String]

    /// The migration to apply to a store whose highest recorded migration is `current` (0 for a new store), or nil
    /// when the store is up to date.
    ///
    /// - Parameters:
    ///   - known: this program's migrations, in ascending order.
    ///   - noun: what the caller opens, for the message: `usage store` or `client registry`.
    /// - Throws: ``StoreError`` when `current` is above every known migration: a newer versiongate wrote the store,
    ///   and this one must not write tables it does not know.
    static func next(
        after current: Int,
        in known: [SchemaMigration],
        location: StoreLocation,
        noun: String = "usage store"
    ) throws(StoreError) -> SchemaMigration? {
        let highest = known.last?.version ?? 0
        guard current <= highest else {
            throw StoreError(
                "cannot open the \(noun) \(location): its schema is at migration \(current), newer than the "
                    + "\(highest) this versiongate knows; upgrade versiongate"
            )
        }
        return known.first { $0.version > current }
    }
}
