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
    ///   - logger: where the database drivers log (at debug level and below).
    /// - Returns: a ``SQLiteClientRegistry`` or a ``PostgresClientRegistry``; ``ClientRegistry/close()`` it when done.
    /// - Throws: ``StoreError`` in one line, starting `cannot open the client registry LOCATION:`, or naming
    ///   `PGPASSFILE` when that file cannot be read.
    public static func open(
        _ location: StoreLocation,
        environment: [String: String],
        logger: Logger = Logger(label: "versiongate.store")
    ) async throws(StoreError) -> any ClientRegistry {
        switch location {
        case .sqlite(let path):
            return try await SQLiteClientRegistry.open(path: path, logger: logger)
        case .postgres(let endpoint):
            let password = try await PostgresPassword.find(for: endpoint, environment: environment)
            return try await PostgresClientRegistry.open(endpoint, password: password, logger: logger)
        }
    }
}
