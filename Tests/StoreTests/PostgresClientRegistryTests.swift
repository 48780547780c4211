import PostgresNIO
import Store
import TestSupport
import Testing

@Suite(.enabled(if: TestPostgres.isConfigured, "set VERSIONGATE_TEST_POSTGRES_URL to run them"))
struct PostgresClientRegistryTests {
    @Test func meetsTheRegistryContract() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            try await TestPostgres.withRegistry(endpoint, RegistryContract.all)
        }
    }

    @Test func generationGrowsWithEveryWriteOfEitherRegistryOnTheDatabase() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            try await TestPostgres.withRegistry(endpoint) { first in
                try await TestPostgres.withRegistry(endpoint) { second in
                    try await RegistryContract.generationGrowsWithEveryWrite(first, second)
                }
            }
        }
    }

    @Test(.timeLimit(.minutes(1))) func aWaiterWakesOnAnotherRegistrysNotification() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            try await TestPostgres.withRegistry(endpoint) { first in
                try await TestPostgres.withRegistry(endpoint) { second in
                    try await RegistryContract.aWaiterWakesOnAnotherRegistrysWrite(first, second)
                }
            }
        }
    }

    @Test func theTokenDigestIsStoredAsBytes() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            let client = RegistryFixtures.client()
            try await TestPostgres.withRegistry(endpoint) {
                try await $0.create(client, event: RegistryFixtures.event(for: client))
            }
            let rows = try await TestPostgres.query("SELECT token_digest FROM clients", on: endpoint)
            #expect(try rows.map { Array(try $0.decode(ByteBuffer.self).readableBytesView) } == [client.tokenDigest])
        }
    }

    @Test func theAuditTrailIsAppendOnly() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            let client = RegistryFixtures.client()
            try await TestPostgres.withRegistry(endpoint) {
                try await $0.create(client, event: RegistryFixtures.event(for: client))
            }
            await #expect(throws: PSQLError.self) {
                try await TestPostgres.query("DELETE FROM client_events", on: endpoint)
            }
            #expect(try await TestPostgres.integers("SELECT count(*) FROM client_events", on: endpoint) == [1])
        }
    }

    /// A committed write notifies `versiongate_clients` with the client's id; a refused one notifies nothing.
    @Test(.timeLimit(.minutes(1))) func everyCommittedWriteNotifiesListeners() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            try await TestPostgres.withRegistry(endpoint) { registry in
                try await TestPostgres.listening(to: ClientRegistries.notificationChannel, on: endpoint) { sequence in
                    var notifications = sequence.makeAsyncIterator()
                    var client = RegistryFixtures.client()
                    try await registry.create(client, event: RegistryFixtures.event(for: client))
                    #expect(try await notifications.next()?.payload == client.id)
                    let duplicate = RegistryFixtures.client(id: "cl_duplicate", seed: 2)
                    await #expect(throws: StoreError.self) {
                        try await registry.create(duplicate, event: RegistryFixtures.event(for: duplicate))
                    }
                    client.revokedAt = RegistryFixtures.now + 60
                    try await registry.update(client, event: RegistryFixtures.event(for: client, action: "revoke"))
                    #expect(try await notifications.next()?.payload == client.id)
                }
            }
        }
    }

    @Test func aVersion2LedgerMigratesInPlaceWhenTheRegistryOpensIt() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            for statement in LegacyLedger.postgresVersion2Statements {
                _ = try await TestPostgres.query(statement, on: endpoint)
            }
            let client = RegistryFixtures.client()
            try await TestPostgres.withRegistry(endpoint) { registry in
                #expect(try await registry.generation() == 0)
                try await registry.create(client, event: RegistryFixtures.event(for: client))
            }
            #expect(
                try await TestPostgres.integers("SELECT version FROM schema_migrations ORDER BY 1", on: endpoint) == [
                    1, 2, 3, 4,
                ]
            )
            #expect(
                try await TestPostgres.withStore(endpoint) { try await $0.usage(since: LedgerFixtures.day) }
                    == LegacyLedger.version2Rows
            )
            #expect(try await TestPostgres.withRegistry(endpoint) { try await $0.clients() } == [client])
        }
    }
}
