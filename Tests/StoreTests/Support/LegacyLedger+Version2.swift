import Store

/// A ledger as the release before the client registry left it (schema migration 2): the first release's, with the
/// evaluation table added. Frozen here like ``LegacyLedger``.
extension LegacyLedger {
    static let sqliteVersion2Statements =
        Self.sqliteStatements + [
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
            """,
            "INSERT INTO schema_migrations (version, applied_at) VALUES (2, 1764000000)",
            "INSERT INTO evaluation_usage VALUES ('2025-11-08', 'acme', 'v1', 'v2', 'translation', 4, 1000, 2000)",
        ]

    static let postgresVersion2Statements =
        Self.postgresStatements + [
            """
            CREATE TABLE evaluation_usage (
                day DATE NOT NULL,
                client TEXT NOT NULL,
                served_version TEXT NOT NULL,
                evaluated_version TEXT NOT NULL,
                via TEXT NOT NULL,
                requests BIGINT NOT NULL,
                first_seen BIGINT NOT NULL,
                last_seen BIGINT NOT NULL,
                PRIMARY KEY (day, client, served_version, evaluated_version, via)
            )
            """,
            "INSERT INTO schema_migrations (version) VALUES (2)",
            """
            INSERT INTO evaluation_usage VALUES
                (DATE '2025-11-08', 'acme', 'v1', 'v2', 'translation', 4, 1000, 2000)
            """,
        ]

    /// The rows either version-2 ledger holds.
    static var version2Rows: UsageBatch {
        var rows = Self.rows
        rows.evaluations[LedgerFixtures.evaluation()] = UsageTally(count: 4, firstSeen: 1_000, lastSeen: 2_000)
        return rows
    }
}
