import Store
import TestSupport
import Testing

@Suite struct PostgresUnreachableTests {
    /// Fails rather than hangs: the time limit is a hang guard, not a speed check.
    @Test(.timeLimit(.minutes(1))) func refusedConnectionFailsInOneLine() async throws {
        // A port held without listening: connections are refused, and no test running beside can take it.
        let refusing = try ListeningTCPSocket(listening: false)
        let port = refusing.port
        let location = StoreLocation.postgres(
            PostgresEndpoint(user: "vg", host: "127.0.0.1", port: port, database: "ledger")
        )
        let error = await #expect(throws: StoreError.self) {
            try await UsageStores.open(location, environment: ["PGPASSWORD": "s3cr3t-Pa55"])
        }
        #expect(
            error?.description
                == "cannot open the usage store postgres://vg@127.0.0.1:\(port)/ledger: connection refused"
        )
        #expect(error?.description.contains("s3cr3t") == false)
        withExtendedLifetime(refusing) {}
    }

    @Test func unreadablePassfileFailsBeforeConnecting() async {
        let location = StoreLocation.postgres(PostgresEndpoint(user: "vg", host: "127.0.0.1", database: "ledger"))
        let error = await #expect(throws: StoreError.self) {
            try await UsageStores.open(location, environment: ["PGPASSFILE": "/nonexistent/pgpass"])
        }
        #expect(error?.description == "cannot read PGPASSFILE /nonexistent/pgpass: No such file or directory")
    }
}
