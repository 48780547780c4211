extension SQLiteSchema {
    /// The client registry: `clients` (a token only as its SHA-256 digest), `client_events` (the audit trail,
    /// append-only: triggers refuse an update or a delete), and `client_generation`, one row counting the writes.
    static let clientRegistryMigration = SchemaMigration(
        version: 3,
        statements: [
            """
            CREATE TABLE clients (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                environment TEXT NOT NULL,
                pin TEXT,
                created_at INTEGER NOT NULL,
                revoked_at INTEGER,
                token_digest BLOB NOT NULL,
                token_prefix TEXT NOT NULL,
                previous_token_digest BLOB,
                previous_token_expires_at INTEGER,
                last_used_at INTEGER,
                revision INTEGER NOT NULL DEFAULT 0
            )
            """,
            "CREATE UNIQUE INDEX clients_name ON clients (name)",
            "CREATE UNIQUE INDEX clients_token_digest ON clients (token_digest)",
            """
            CREATE TABLE client_events (
                sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                client_id TEXT NOT NULL REFERENCES clients (id),
                at INTEGER NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                detail TEXT NOT NULL
            )
            """,
            "CREATE INDEX client_events_by_client ON client_events (client_id, sequence)",
            """
            CREATE TRIGGER client_events_no_update BEFORE UPDATE ON client_events
            BEGIN SELECT RAISE(ABORT, 'client_events is append-only'); END
            """,
            """
            CREATE TRIGGER client_events_no_delete BEFORE DELETE ON client_events
            BEGIN SELECT RAISE(ABORT, 'client_events is append-only'); END
            """,
            """
            CREATE TABLE client_generation (
                singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                generation INTEGER NOT NULL
            )
            """,
            "INSERT INTO client_generation (singleton, generation) VALUES (1, 0)",
        ]
    )

    /// Migration 4: see ``ClientNameKeyMigration``.
    static let clientNameKeyMigration = SchemaMigration(
        version: ClientNameKeyMigration.version,
        statements: [
            ClientNameKeyMigration.addColumn, ClientNameKeyMigration.fillColumn,
            ClientNameKeyMigration.uniqueIndex, ClientNameKeyMigration.dropNameIndex,
        ]
    )

    /// The columns of `clients`, in the order ``insertClient`` binds them and the selects return them.
    static let clientColumns = """
        id, name, environment, pin, created_at, revoked_at, token_digest, token_prefix, previous_token_digest,
        previous_token_expires_at, last_used_at
        """

    /// Binds: every column of ``clientColumns``, then the name key.
    static let insertClient =
        "INSERT INTO clients (\(clientColumns), name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

    /// Binds: every column of ``clientColumns`` but the id and `last_used_at`, the name key, then the id and the
    /// revision read. Returns the id when the client exists at that revision.
    static let updateClient = """
        UPDATE clients SET name = ?, environment = ?, pin = ?, created_at = ?, revoked_at = ?, token_digest = ?,
            token_prefix = ?, previous_token_digest = ?, previous_token_expires_at = ?, name_key = ?,
            revision = revision + 1
        WHERE id = ? AND revision = ?
        RETURNING id
        """

    /// Binds: the time, the id.
    static let recordUse = """
        UPDATE clients SET last_used_at = max(coalesce(last_used_at, 0), ?1) WHERE id = ?2
        """

    /// Binds: client id, at, actor, action, detail.
    static let insertEvent = "INSERT INTO client_events (client_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)"

    static let bumpGeneration = "UPDATE client_generation SET generation = generation + 1"

    static let selectGeneration = "SELECT generation FROM client_generation"

    static let selectClients = "SELECT \(clientColumns), revision FROM clients ORDER BY name"

    /// Binds: the id.
    static let selectClient = "SELECT \(clientColumns), revision FROM clients WHERE id = ?"

    /// Binds: the client id.
    static let selectEvents = """
        SELECT client_id, at, actor, action, detail FROM client_events WHERE client_id = ? ORDER BY sequence
        """
}
