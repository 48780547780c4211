import PostgresNIO

/// The ledger's tables and statements in PostgreSQL: days as DATE (UTC), counts and times (unix seconds) as BIGINT,
/// keys as primary keys so that flushes upsert. Days cross the wire as days since 1970-01-01 (`integer`).
enum PostgresSchema {
    /// The advisory lock every migrating gateway takes first (`pg_advisory_xact_lock`), so that two gateways
    /// starting at once on a new database migrate one after the other. The bytes spell `vgledger`.
    static let migrationLock: Int64 = 0x7667_6C65_6467_6572

    static let lockForMigration: PostgresQuery = "SELECT pg_advisory_xact_lock(\(Self.migrationLock))"

    static let createMigrationsTable: PostgresQuery = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """

    static let currentVersion: PostgresQuery = "SELECT coalesce(max(version), 0) FROM schema_migrations"

    static func recordMigration(_ version: Int) -> PostgresQuery {
        "INSERT INTO schema_migrations (version) VALUES (\(Int32(clamping: version)))"
    }

    static let migrations = [
        SchemaMigration(
            version: 1,
            statements: [
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
            ]
        ),
        SchemaMigration(
            version: 2,
            statements: [
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
                """
            ]
        ),
        Self.clientRegistryMigration,
        Self.clientNameKeyMigration,
    ]

    /// Adds `rows` in one statement: one array per column, unnested in the given order (rows are sorted by key, so
    /// concurrent writers lock them in the same order).
    static func upsertRequests(_ rows: [StoredRows.Request]) -> PostgresQuery {
        """
        INSERT INTO request_usage (
            day, client, requested_version, served_version, method, route, status_class, requests, first_seen, last_seen
        )
        SELECT DATE '1970-01-01' + day_number, client, requested_version, served_version, method, route,
            status_class, requests, first_seen, last_seen
        FROM unnest(
            \(rows.map(\.usage.day.daysSinceEpoch))::integer[], \(rows.map(\.usage.client))::text[],
            \(rows.map(\.requestedVersion))::text[], \(rows.map(\.usage.servedVersion))::text[],
            \(rows.map(\.usage.method))::text[], \(rows.map(\.usage.route))::text[],
            \(rows.map { Int32(clamping: $0.usage.statusClass) })::integer[], \(rows.map(\.tally.count))::bigint[],
            \(rows.map(\.tally.firstSeen))::bigint[], \(rows.map(\.tally.lastSeen))::bigint[]
        ) WITH ORDINALITY AS incoming (
            day_number, client, requested_version, served_version, method, route, status_class, requests, first_seen,
            last_seen, position
        )
        ORDER BY position
        ON CONFLICT (day, client, requested_version, served_version, method, route, status_class) DO UPDATE SET
            requests = request_usage.requests + EXCLUDED.requests,
            first_seen = LEAST(request_usage.first_seen, EXCLUDED.first_seen),
            last_seen = GREATEST(request_usage.last_seen, EXCLUDED.last_seen)
        """
    }

    /// Adds `rows` in one statement, as ``upsertRequests(_:)`` does.
    static func upsertChanges(_ rows: [StoredRows.Change]) -> PostgresQuery {
        """
        INSERT INTO change_usage (
            day, client, served_version, change_version, change_id, requests, first_seen, last_seen
        )
        SELECT DATE '1970-01-01' + day_number, client, served_version, change_version, change_id, requests,
            first_seen, last_seen
        FROM unnest(
            \(rows.map(\.usage.day.daysSinceEpoch))::integer[], \(rows.map(\.usage.client))::text[],
            \(rows.map(\.usage.servedVersion))::text[], \(rows.map(\.usage.changeVersion))::text[],
            \(rows.map(\.usage.changeID))::text[], \(rows.map(\.tally.count))::bigint[],
            \(rows.map(\.tally.firstSeen))::bigint[], \(rows.map(\.tally.lastSeen))::bigint[]
        ) WITH ORDINALITY AS incoming (
            day_number, client, served_version, change_version, change_id, requests, first_seen, last_seen, position
        )
        ORDER BY position
        ON CONFLICT (day, client, served_version, change_version, change_id) DO UPDATE SET
            requests = change_usage.requests + EXCLUDED.requests,
            first_seen = LEAST(change_usage.first_seen, EXCLUDED.first_seen),
            last_seen = GREATEST(change_usage.last_seen, EXCLUDED.last_seen)
        """
    }

    /// Adds `rows` in one statement, as ``upsertRequests(_:)`` does.
    static func upsertEvaluations(_ rows: [StoredRows.Evaluation]) -> PostgresQuery {
        """
        INSERT INTO evaluation_usage (
            day, client, served_version, evaluated_version, via, requests, first_seen, last_seen
        )
        SELECT DATE '1970-01-01' + day_number, client, served_version, evaluated_version, via, requests,
            first_seen, last_seen
        FROM unnest(
            \(rows.map(\.usage.day.daysSinceEpoch))::integer[], \(rows.map(\.usage.client))::text[],
            \(rows.map(\.usage.servedVersion))::text[], \(rows.map(\.usage.evaluatedVersion))::text[],
            \(rows.map(\.usage.via))::text[], \(rows.map(\.tally.count))::bigint[],
            \(rows.map(\.tally.firstSeen))::bigint[], \(rows.map(\.tally.lastSeen))::bigint[]
        ) WITH ORDINALITY AS incoming (
            day_number, client, served_version, evaluated_version, via, requests, first_seen, last_seen, position
        )
        ORDER BY position
        ON CONFLICT (day, client, served_version, evaluated_version, via) DO UPDATE SET
            requests = evaluation_usage.requests + EXCLUDED.requests,
            first_seen = LEAST(evaluation_usage.first_seen, EXCLUDED.first_seen),
            last_seen = GREATEST(evaluation_usage.last_seen, EXCLUDED.last_seen)
        """
    }

    /// Columns: day (days since 1970-01-01), client, requested_version, served_version, method, route,
    /// status_class, requests, first_seen, last_seen.
    static func selectRequests(since: UsageDay) -> PostgresQuery {
        """
        SELECT day - DATE '1970-01-01', client, requested_version, served_version, method, route, status_class,
            requests, first_seen, last_seen
        FROM request_usage WHERE day >= DATE '1970-01-01' + \(since.daysSinceEpoch)::integer
        """
    }

    /// Columns: day (days since 1970-01-01), client, served_version, change_version, change_id, requests,
    /// first_seen, last_seen.
    static func selectChanges(since: UsageDay) -> PostgresQuery {
        """
        SELECT day - DATE '1970-01-01', client, served_version, change_version, change_id, requests, first_seen,
            last_seen
        FROM change_usage WHERE day >= DATE '1970-01-01' + \(since.daysSinceEpoch)::integer
        """
    }

    /// Columns: day (days since 1970-01-01), client, served_version, evaluated_version, via, requests, first_seen,
    /// last_seen.
    static func selectEvaluations(since: UsageDay) -> PostgresQuery {
        """
        SELECT day - DATE '1970-01-01', client, served_version, evaluated_version, via, requests, first_seen,
            last_seen
        FROM evaluation_usage WHERE day >= DATE '1970-01-01' + \(since.daysSinceEpoch)::integer
        """
    }
}
