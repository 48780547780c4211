import NIOCore
import PostgresNIO

extension PostgresSchema {
    /// The client registry: `clients` (a token only as its SHA-256 digest), `client_events` (the audit trail,
    /// append-only: a trigger refuses an update or a delete), and `client_generation`, one row counting the writes
    /// (its row lock also orders concurrent writers, so the count grows in commit order).
    static let clientRegistryMigration = SchemaMigration(
        version: 3,
        statements: [
            """
            CREATE TABLE clients (
                id TEXT NOT NULL,
                name TEXT NOT NULL,
                environment TEXT NOT NULL,
                pin TEXT,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT,
                token_digest BYTEA NOT NULL,
                token_prefix TEXT NOT NULL,
                previous_token_digest BYTEA,
                previous_token_expires_at BIGINT,
                last_used_at BIGINT,
                revision BIGINT NOT NULL DEFAULT 0,
                CONSTRAINT clients_pkey PRIMARY KEY (id)
            )
            """,
            "CREATE UNIQUE INDEX clients_name ON clients (name)",
            "CREATE UNIQUE INDEX clients_token_digest ON clients (token_digest)",
            """
            CREATE TABLE client_events (
                sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                client_id TEXT NOT NULL REFERENCES clients (id),
                at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                detail TEXT NOT NULL
            )
            """,
            "CREATE INDEX client_events_by_client ON client_events (client_id, sequence)",
            """
            CREATE FUNCTION client_events_append_only() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'client_events is append-only'; END $$
            """,
            """
            CREATE TRIGGER client_events_append_only BEFORE UPDATE OR DELETE ON client_events
            FOR EACH ROW EXECUTE FUNCTION client_events_append_only()
            """,
            """
            CREATE TABLE client_generation (
                singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                generation BIGINT NOT NULL
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
            "ALTER TABLE clients ALTER COLUMN name_key SET NOT NULL",
            ClientNameKeyMigration.uniqueIndex, ClientNameKeyMigration.dropNameIndex,
        ]
    )

    /// The unique constraints of `clients`, as the server names them in a unique violation (SQLSTATE 23505).
    static let clientConstraints: [String: StoreRefusal.ClientConflict] = [
        "clients_pkey": .id, "clients_name_key": .name, "clients_token_digest": .tokenDigest,
    ]

    static func insertClient(_ client: RegisteredClient) -> PostgresQuery {
        """
        INSERT INTO clients (
            id, name, environment, pin, created_at, revoked_at, token_digest, token_prefix, previous_token_digest,
            previous_token_expires_at, last_used_at, name_key
        ) VALUES (
            \(client.id), \(client.name), \(client.environment), \(client.pin), \(client.createdAt),
            \(client.revokedAt), \(ByteBuffer(bytes: client.tokenDigest)), \(client.tokenPrefix),
            \(client.previousTokenDigest.map { ByteBuffer(bytes: $0) }), \(client.previousTokenExpiresAt),
            \(client.lastUsedAt), \(client.nameKey)
        )
        """
    }

    /// Returns the id when the client exists at the revision it was read at.
    static func updateClient(_ client: RegisteredClient) -> PostgresQuery {
        """
        UPDATE clients SET name = \(client.name), environment = \(client.environment), pin = \(client.pin),
            created_at = \(client.createdAt), revoked_at = \(client.revokedAt),
            token_digest = \(ByteBuffer(bytes: client.tokenDigest)), token_prefix = \(client.tokenPrefix),
            previous_token_digest = \(client.previousTokenDigest.map { ByteBuffer(bytes: $0) }),
            previous_token_expires_at = \(client.previousTokenExpiresAt), name_key = \(client.nameKey),
            revision = revision + 1
        WHERE id = \(client.id) AND revision = \(client.revision)
        RETURNING id
        """
    }

    /// The client's last use only moves forward.
    static func recordUse(id: String, at second: Int64) -> PostgresQuery {
        "UPDATE clients SET last_used_at = GREATEST(coalesce(last_used_at, 0), \(second)) WHERE id = \(id)"
    }

    static func insertEvent(_ event: ClientEvent) -> PostgresQuery {
        """
        INSERT INTO client_events (client_id, at, actor, action, detail)
        VALUES (\(event.clientID), \(event.at), \(event.actor), \(event.action), \(event.detail))
        """
    }

    static let bumpGeneration: PostgresQuery = "UPDATE client_generation SET generation = generation + 1"

    /// Delivered to listeners when the transaction commits, not before (and not at all when it rolls back).
    static func notify(clientID: String) -> PostgresQuery {
        "SELECT pg_notify(\(ClientRegistries.notificationChannel), \(clientID))"
    }

    static let selectGeneration: PostgresQuery = "SELECT generation FROM client_generation"

    /// Columns: id, name, environment, pin, created_at, revoked_at, token_digest, token_prefix,
    /// previous_token_digest, previous_token_expires_at, last_used_at, revision. By name in byte order, as SQLite sorts.
    static let selectClients: PostgresQuery = """
        SELECT id, name, environment, pin, created_at, revoked_at, token_digest, token_prefix, previous_token_digest,
            previous_token_expires_at, last_used_at, revision
        FROM clients ORDER BY name COLLATE "C"
        """

    /// Columns as ``selectClients``.
    static func selectClient(id: String) -> PostgresQuery {
        """
        SELECT id, name, environment, pin, created_at, revoked_at, token_digest, token_prefix, previous_token_digest,
            previous_token_expires_at, last_used_at, revision
        FROM clients WHERE id = \(id)
        """
    }

    /// Columns: client_id, at, actor, action, detail.
    static func selectEvents(clientID: String) -> PostgresQuery {
        """
        SELECT client_id, at, actor, action, detail FROM client_events WHERE client_id = \(clientID) ORDER BY sequence
        """
    }
}
