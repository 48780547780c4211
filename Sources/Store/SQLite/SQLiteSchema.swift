/// The ledger's tables and statements in SQLite: days as `'YYYY-MM-DD'` text (UTC), counts and times (unix seconds)
/// as INTEGER, keys as primary keys so that flushes upsert.
enum SQLiteSchema {
    static let createMigrationsTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            applied_at INTEGER NOT NULL
        )
        """

    static let currentVersion = "SELECT coalesce(max(version), 0) AS version FROM schema_migrations"

    /// Binds: the version.
    static let recordMigration = "INSERT INTO schema_migrations (version, applied_at) VALUES (?, unixepoch())"

    static let migrations = [
        SchemaMigration(
            version: 1,
            statements: [
                """
                CREATE TABLE request_usage (
                    day TEXT NOT NULL,
                    client TEXT NOT NULL,
                    requested_version TEXT NOT NULL,
                    served_version TEXT NOT NULL,
                    method TEXT NOT NULL,
                    route TEXT NOT NULL,
                    status_class INTEGER NOT NULL,
                    requests INTEGER NOT NULL,
                    first_seen INTEGER NOT NULL,
                    last_seen INTEGER NOT NULL,
                    PRIMARY KEY (day, client, requested_version, served_version, method, route, status_class)
                ) WITHOUT ROWID
                """,
                """
                CREATE TABLE change_usage (
                    day TEXT NOT NULL,
                    client TEXT NOT NULL,
                    served_version TEXT NOT NULL,
                    change_version TEXT NOT NULL,
                    change_id TEXT NOT NULL,
                    requests INTEGER NOT NULL,
                    first_seen INTEGER NOT NULL,
                    last_seen INTEGER NOT NULL,
                    PRIMARY KEY (day, client, served_version, change_version, change_id)
                ) WITHOUT ROWID
                """,
            ]
        ),
        SchemaMigration(
            version: 2,
            statements: [
                """
                CREATE TABLE evaluation_usage (
                    day TEXT NOT NULL,
                    client TEXT NOT NULL,
                    served_version TEXT NOT NULL,
                    evaluated_version TEXT NOT NULL,
                    via TEXT NOT NULL,
                    requests INTEGER NOT NULL,
                    first_seen INTEGER NOT NULL,
                    last_seen INTEGER NOT NULL,
                    PRIMARY KEY (day, client, served_version, evaluated_version, via)
                ) WITHOUT ROWID
                """
            ]
        ),
        Self.clientRegistryMigration,
        Self.clientNameKeyMigration,
    ]

    /// The oldest ledger a report reads as it is (read-only): the first with `request_usage` and `change_usage`.
    static let oldestReadableMigration = 1

    /// The first migration with `evaluation_usage`: an older ledger, read as it is, has no evaluation rows.
    static let evaluationsMigration = 2

    /// Rows per upsert statement: 500 rows of 10 binds stay far below SQLite's 32766 bound parameters.
    static let rowsPerStatement = 500

    /// Adds `rowCount` rows of 10 binds each (the key, then requests, first_seen, last_seen).
    static func upsertRequests(rowCount: Int) -> String {
        self.upsert(
            table: "request_usage",
            key: ["day", "client", "requested_version", "served_version", "method", "route", "status_class"],
            rowCount: rowCount
        )
    }

    /// Adds `rowCount` rows of 8 binds each (the key, then requests, first_seen, last_seen).
    static func upsertChanges(rowCount: Int) -> String {
        self.upsert(
            table: "change_usage",
            key: ["day", "client", "served_version", "change_version", "change_id"],
            rowCount: rowCount
        )
    }

    /// Adds `rowCount` rows of 8 binds each (the key, then requests, first_seen, last_seen).
    static func upsertEvaluations(rowCount: Int) -> String {
        self.upsert(
            table: "evaluation_usage",
            key: ["day", "client", "served_version", "evaluated_version", "via"],
            rowCount: rowCount
        )
    }

    /// Binds: the first day, `'YYYY-MM-DD'`. The day comes back as days since 1970-01-01.
    static let selectRequests = """
        SELECT unixepoch(day) / 86400 AS day_number, client, requested_version, served_version, method, route,
            status_class, requests, first_seen, last_seen
        FROM request_usage WHERE day >= ?
        """

    /// Binds: the first day, `'YYYY-MM-DD'`. The day comes back as days since 1970-01-01.
    static let selectChanges = """
        SELECT unixepoch(day) / 86400 AS day_number, client, served_version, change_version, change_id, requests,
            first_seen, last_seen
        FROM change_usage WHERE day >= ?
        """

    /// Binds: the first day, `'YYYY-MM-DD'`. The day comes back as days since 1970-01-01.
    static let selectEvaluations = """
        SELECT unixepoch(day) / 86400 AS day_number, client, served_version, evaluated_version, via, requests,
            first_seen, last_seen
        FROM evaluation_usage WHERE day >= ?
        """

    private static func upsert(table: String, key: [String], rowCount: Int) -> String {
        let columns = key + ["requests", "first_seen", "last_seen"]
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return """
            INSERT INTO \(table) (\(columns.joined(separator: ", ")))
            VALUES \(Array(repeating: row, count: rowCount).joined(separator: ", "))
            ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET
                requests = requests + excluded.requests,
                first_seen = min(first_seen, excluded.first_seen),
                last_seen = max(last_seen, excluded.last_seen)
            """
    }
}
