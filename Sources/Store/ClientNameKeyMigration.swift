/// Migration 4 of both stores: client names unique as people read them (``RegisteredClient/nameKey``), in a
/// `name_key` column filled for clients already registered from their lower-cased name (made unique by the id where
/// two collide, so that no registry fails to open), unique in place of the name.
enum ClientNameKeyMigration {
    static let version = 4

    static let addColumn = "ALTER TABLE clients ADD COLUMN name_key TEXT"

    static let fillColumn = """
        UPDATE clients SET name_key = lower(name) || CASE
            WHEN EXISTS (SELECT 1 FROM clients other WHERE lower(other.name) = lower(clients.name)
                AND other.id < clients.id) THEN '#' || id ELSE '' END
        """

    static let uniqueIndex = "CREATE UNIQUE INDEX clients_name_key ON clients (name_key)"

    /// Equal names have equal keys: the key's index is the one that refuses a duplicate.
    static let dropNameIndex = "DROP INDEX clients_name"
}
