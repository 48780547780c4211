/// One numbered step of the ledger's schema. A store applies each once, in its own transaction, and records its
/// number in `schema_migrations`; numbers only grow, and a released migration is never edited.
struct SchemaMigration: Sendable {
    let version: Int
    let statements: [String]

    /// The migration to apply to a store whose highest recorded migration is `current` (0 for a new store), or nil
    /// when the store is up to date.
    ///
    /// - Parameter known: this program's migrations, in ascending order.
    /// - Throws: ``StoreError`` when `current` is above every known migration: a newer versiongate wrote the store,
    ///   and this one must not write tables it does not know.
    static func next(
        after current: Int,
        in known: [SchemaMigration],
        location: StoreLocation
    ) throws(StoreError) -> SchemaMigration? {
        let highest = known.last?.version ?? 0
        guard current <= highest else {
            throw StoreError(
                "cannot open the usage store \(location): its schema is at migration \(current), newer than the "
                    + "\(highest) this versiongate knows; upgrade versiongate"
            )
        }
        return known.first { $0.version > current }
    }
}
