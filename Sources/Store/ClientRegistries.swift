import Logging

/// Opens the client registry a ``StoreLocation`` names: the composition root's one call.
public enum ClientRegistries {
    /// The PostgreSQL channel every committed registry write notifies, its payload the client's id.
    public static let notificationChannel = "versiongate_clients"

    /// Opens the registry at `location`, creating or migrating the database (the one the usage ledger uses: opening
    /// either applies every migration).
    ///
    /// ```swift
    /// let registry = try await ClientRegistries.open(try StoreLocation(parsing: "sqlite:usage.db"), environment: [:])
    /// defer { Task { await registry.close() } }
    /// ```
    ///
    /// - Parameters:
    ///   - environment: the process environment: PostgreSQL's password comes from `PGPASSWORD` or `PGPASSFILE`.
    ///   - readOnly: for commands that only read: a SQLite file is opened without creating, migrating or writing
    ///     anything (PostgreSQL applies missing migrations either way, as the ledger does).
    ///   - logger: where the database drivers log (at debug level and below).
    /// - Returns: a ``SQLiteClientRegistry`` or a ``PostgresClientRegistry``; ``ClientRegistry/close()`` it when done.
    /// - Throws: ``StoreError`` in one line, starting `cannot open the client registry LOCATION:`, or naming
    ///   `PGPASSFILE` when that file cannot be read.
    public static func open(
        _ location: StoreLocation,
        environment: [String: String],
        readOnly: Bool = false,
        logger: Logger = Logger(label: "versiongate.store")
    ) async throws(StoreError) -> any ClientRegistry {
        switch location {
        case .sqlite(let path):
            return try await SQLiteClientRegistry.open(path: path, readOnly: readOnly, logger: logger)
        case .postgres(let endpoint):
            let password = try await PostgresPassword.find(for: endpoint, environment: environment)
            return try await PostgresClientRegistry.open(endpoint, password: password, logger: logger)
        }
    }
}
