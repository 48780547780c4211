import Store

/// A ledger as the first release left it (schema migration 1, before evaluations): its statements copied here and
/// frozen, so that a test opens with today's store what an upgraded gateway finds, whatever becomes of the migrations.
enum LegacyLedger {
    /// Creates the first release's SQLite ledger, with ``rows`` in it, in an empty file.
    static let sqliteStatements = [
        "PRAGMA journal_mode = WAL",
        """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            applied_at INTEGER NOT NULL
        )
        """,
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
        "INSERT INTO schema_migrations (version, applied_at) VALUES (1, 1762560000)",
        """
        INSERT INTO request_usage VALUES
            ('2025-11-08', 'acme', 'v1', 'v1', 'GET', '/purchase-orders/{id}', 2, 7, 1000, 2000),
            ('2025-11-08', 'acme', 'none', 'v1', 'GET', '/purchase-orders/{id}', 2, 2, 1100, 1200)
        """,
        "INSERT INTO change_usage VALUES ('2025-11-08', 'acme', 'v1', 'v2', 'rename-vendor', 3, 1500, 1600)",
    ]

    /// Creates the first release's PostgreSQL ledger, with ``rows`` in it, in an empty database.
    static let postgresStatements = [
        """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """,
        """
        CREATE TABLE request_usage (
            day DATE NOT NULL,
            client TEXT NOT NULL,
            requested_version TEXT NOT NULL,
            served_version TEXT NOT NULL,
            method TEXT NOT NULL,
            route TEXT NOT NULL,
            status_class INTEGER NOT NULL,
            requests BIGINT NOT NULL,
            first_seen BIGINT NOT NULL,
            last_seen BIGINT NOT NULL,
            PRIMARY KEY (day, client, requested_version, served_version, method, route, status_class)
        )
        """,
        """
        CREATE TABLE change_usage (
            day DATE NOT NULL,
            client TEXT NOT NULL,
            served_version TEXT NOT NULL,
            change_version TEXT NOT NULL,
            change_id TEXT NOT NULL,
            requests BIGINT NOT NULL,
            first_seen BIGINT NOT NULL,
            last_seen BIGINT NOT NULL,
            PRIMARY KEY (day, client, served_version, change_version, change_id)
        )
        """,
        "INSERT INTO schema_migrations (version) VALUES (1)",
        """
        INSERT INTO request_usage VALUES
            (DATE '2025-11-08', 'acme', 'v1', 'v1', 'GET', '/purchase-orders/{id}', 2, 7, 1000, 2000),
            (DATE '2025-11-08', 'acme', 'none', 'v1', 'GET', '/purchase-orders/{id}', 2, 2, 1100, 1200)
        """,
        "INSERT INTO change_usage VALUES (DATE '2025-11-08', 'acme', 'v1', 'v2', 'rename-vendor', 3, 1500, 1600)",
    ]

    /// The rows either ledger holds, as today's store reads them.
    static let rows = UsageBatch(
        requests: [
            LedgerFixtures.request(): UsageTally(count: 7, firstSeen: 1_000, lastSeen: 2_000),
            LedgerFixtures.request(requestedVersion: nil): UsageTally(count: 2, firstSeen: 1_100, lastSeen: 1_200),
        ],
        changes: [LedgerFixtures.change(): UsageTally(count: 3, firstSeen: 1_500, lastSeen: 1_600)]
    )

    /// What an upgraded gateway adds first: an evaluation, and more of a request the ledger already counts.
    static let firstBatchAfterUpgrade = UsageBatch(
        requests: [LedgerFixtures.request(): UsageTally(count: 1, firstSeen: 2_500, lastSeen: 2_500)],
        evaluations: [LedgerFixtures.evaluation(): UsageTally(count: 1, firstSeen: 2_500, lastSeen: 2_500)]
    )

    /// ``rows`` with ``firstBatchAfterUpgrade`` added.
    static var rowsAfterUpgrade: UsageBatch {
        var rows = Self.rows
        rows.merge(Self.firstBatchAfterUpgrade)
        return rows
    }
}
