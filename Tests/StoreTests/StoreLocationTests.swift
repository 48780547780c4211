import Store
import Testing

@Suite struct StoreLocationTests {
    @Test(arguments: [
        ("sqlite:usage.db", StoreLocation.sqlite(path: "usage.db")),
        ("sqlite:/var/lib/versiongate/usage.db", .sqlite(path: "/var/lib/versiongate/usage.db")),
        ("sqlite:./data/usage.db", .sqlite(path: "./data/usage.db")),
        (
            "postgres://vg@127.0.0.1:5999/ledger",
            .postgres(PostgresEndpoint(user: "vg", host: "127.0.0.1", port: 5999, database: "ledger"))
        ),
        (
            "postgresql://vg@db.internal/ledger",
            .postgres(PostgresEndpoint(user: "vg", host: "db.internal", database: "ledger"))
        ),
        (
            "postgres://vg@[::1]:6543/ledger",
            .postgres(PostgresEndpoint(user: "vg", host: "::1", port: 6543, database: "ledger"))
        ),
        (
            "postgres://vg@[fe80::1]/ledger",
            .postgres(PostgresEndpoint(user: "vg", host: "fe80::1", database: "ledger"))
        ),
        (
            "postgres://gate%40ops@db/usage%20ledger",
            .postgres(PostgresEndpoint(user: "gate@ops", host: "db", database: "usage ledger"))
        ),
    ])
    func acceptedFormsParse(text: String, expected: StoreLocation) throws {
        #expect(try StoreLocation(parsing: text) == expected)
    }

    @Test func postgresPortDefaultsTo5432() throws {
        guard case .postgres(let endpoint) = try StoreLocation(parsing: "postgres://vg@db/ledger") else {
            Issue.record("not a PostgreSQL location")
            return
        }
        #expect(endpoint.port == 5432)
    }

    @Test(arguments: [
        ("sqlite:usage.db", "sqlite:usage.db"),
        ("postgresql://vg@db/ledger", "postgres://vg@db:5432/ledger"),
        ("postgres://vg@[::1]:6543/ledger", "postgres://vg@[::1]:6543/ledger"),
        ("postgres://gate%40ops@db/usage%20ledger", "postgres://gate%40ops@db:5432/usage%20ledger"),
    ])
    func descriptionIsTheCanonicalForm(text: String, description: String) throws {
        #expect(try StoreLocation(parsing: text).description == description)
    }

    @Test(arguments: [
        ("sqlite:", "the usage store sqlite: names no file: give sqlite:PATH, e.g. sqlite:usage.db"),
        (
            "sqlite://usage.db",
            "the usage store sqlite://usage.db is written as a URL: give sqlite:PATH, e.g. sqlite:usage.db or "
                + "sqlite:/var/lib/versiongate/usage.db"
        ),
        ("usage.db", "the usage store must be sqlite:PATH or postgres://USER@HOST[:PORT]/DATABASE"),
        ("mysql://vg@db/ledger", "the usage store must be sqlite:PATH or postgres://USER@HOST[:PORT]/DATABASE"),
        ("", "the usage store must be sqlite:PATH or postgres://USER@HOST[:PORT]/DATABASE"),
        ("postgres://db/ledger", "the usage store URL names no user: give postgres://USER@HOST[:PORT]/DATABASE"),
        ("postgres://@db/ledger", "the usage store URL names no user: give postgres://USER@HOST[:PORT]/DATABASE"),
        ("postgres://vg@/ledger", "the usage store URL names no host: give postgres://USER@HOST[:PORT]/DATABASE"),
        ("postgres://vg@db", "the usage store URL names no database: give postgres://USER@HOST[:PORT]/DATABASE"),
        ("postgres://vg@db/", "the usage store URL names no database: give postgres://USER@HOST[:PORT]/DATABASE"),
        (
            "postgres://vg@db:0/ledger",
            "the usage store URL has a port that is not a number from 1 to 65535: give "
                + "postgres://USER@HOST[:PORT]/DATABASE"
        ),
        (
            "postgres://vg@db:+5/ledger",
            "the usage store URL has a port that is not a number from 1 to 65535: give "
                + "postgres://USER@HOST[:PORT]/DATABASE"
        ),
        (
            "postgres://vg@::1/ledger",
            "the usage store URL has an IPv6 host without brackets, e.g. [::1]: give "
                + "postgres://USER@HOST[:PORT]/DATABASE"
        ),
        (
            "postgres://vg@[::1/ledger",
            "the usage store URL has an unclosed [ around its host: give postgres://USER@HOST[:PORT]/DATABASE"
        ),
        (
            "postgres://vg@db/ledger?sslmode=require",
            "the usage store URL has parameters, which are not read: give postgres://USER@HOST[:PORT]/DATABASE"
        ),
        (
            "postgres://vg@db/led%2",
            "the usage store URL names no database: give postgres://USER@HOST[:PORT]/DATABASE"
        ),
    ])
    func malformedFormsAreRefusedInOneLine(text: String, message: String) {
        let error = #expect(throws: StoreError.self) { try StoreLocation(parsing: text) }
        #expect(error?.description == message)
    }

    @Test(arguments: [
        "postgres://vg:s3cr3t-Pa55@db/ledger",
        "postgresql://vg:s3cr3t-Pa55@[::1]:5432/ledger",
        "postgres://vg:s3cr3t-Pa55@@db/ledger",
        "postgres://vg:s3cr3t-Pa55/x@db/ledger",
        "postgres://vg:@db/ledger",
    ])
    func passwordInTheURLIsRefusedWithoutEchoingIt(text: String) {
        let error = #expect(throws: StoreError.self) { try StoreLocation(parsing: text) }
        #expect(
            error?.description
                == "the usage store URL must not contain a password: PostgreSQL's password comes only from "
                + "PGPASSWORD, PGPASSWORD_FILE or PGPASSFILE"
        )
    }

    @Test(arguments: ["postgres://vg:s3cr3t-Pa55/ledger", "postgres://vg:s3cr3t-Pa55", "postgres://vg@db:s3cr3t/x"])
    func malformedURLsNeverEchoTheirText(text: String) {
        let error = #expect(throws: StoreError.self) { try StoreLocation(parsing: text) }
        #expect(error?.description.contains("s3cr3t") == false)
    }
}
