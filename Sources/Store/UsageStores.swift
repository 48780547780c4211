import Logging

/// Opens the store a ``StoreLocation`` names: the composition root's one call.
public enum UsageStores {
    /// Opens (creating or migrating) the ledger at `location`.
    ///
    /// ```swift
    /// let store = try await UsageStores.open(try StoreLocation(parsing: "sqlite:usage.db"), environment: [:])
    /// ```
    ///
    /// - Parameters:
    ///   - environment: the process environment: PostgreSQL's password comes from `PGPASSWORD` or `PGPASSFILE`.
    ///   - logger: where the database drivers log (at debug level and below).
    /// - Returns: a ``SQLiteUsageStore`` or a ``PostgresUsageStore``; ``UsageStore/close()`` it when done.
    /// - Throws: ``StoreError`` in one line, starting `cannot open the usage store LOCATION:`, or naming
    ///   `PGPASSFILE` when that file cannot be read.
    ///   - readOnly: for reports: a SQLite ledger is opened without creating, migrating or writing anything.
    public static func open(
        _ location: StoreLocation,
        environment: [String: String],
        readOnly: Bool = false,
        logger: Logger = Logger(label: "versiongate.store")
    ) async throws(StoreError) -> any UsageStore {
        switch location {
        case .sqlite(let path):
            return try await SQLiteUsageStore.open(path: path, readOnly: readOnly, logger: logger)
        case .postgres(let endpoint):
            let password = try await PostgresPassword.find(for: endpoint, environment: environment)
            return try await PostgresUsageStore.open(endpoint, password: password, logger: logger)
        }
    }
}
