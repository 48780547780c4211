import Foundation
import SQLiteNIO
import Store
import Testing

@Suite struct SQLiteClientRegistryTests {
    @Test func meetsTheRegistryContract() async throws {
        try await SQLiteFixture.run { fixture in
            try await fixture.withRegistry(RegistryContract.all)
        }
    }

    @Test func generationGrowsWithEveryWriteOfEitherRegistryOnTheFile() async throws {
        try await SQLiteFixture.run { fixture in
            try await fixture.withRegistry { first in
                try await fixture.withRegistry { second in
                    try await RegistryContract.generationGrowsWithEveryWrite(first, second)
                }
            }
        }
    }

    @Test(.timeLimit(.minutes(1))) func aWaiterWakesOnAnotherRegistrysWriteToTheFile() async throws {
        try await SQLiteFixture.run { fixture in
            try await fixture.withRegistry { first in
                try await fixture.withRegistry { second in
                    try await RegistryContract.aWaiterWakesOnAnotherRegistrysWrite(first, second)
                }
            }
        }
    }

    /// A registry whose file is replaced under it stops waiting for changes with a failure, instead of reading
    /// the old file, which nobody writes any more, for ever.
    @Test(.timeLimit(.minutes(1))) func aReplacedFileIsNoticed() async throws {
        try await SQLiteFixture.run { fixture in
            try await fixture.withRegistry { registry in
                let start = try await registry.generation()
                try FileManager.default.removeItem(atPath: fixture.path)
                try await fixture.withRegistry { _ in }
                let error = await #expect(throws: StoreError.self) {
                    _ = try await registry.generation(changedFrom: start, waitingAtMost: .seconds(5))
                }
                #expect(error?.description.contains("was replaced or removed while open") == true)
            }
        }
    }

    @Test func clientsSurviveReopening() async throws {
        try await SQLiteFixture.run { fixture in
            let client = RegistryFixtures.client()
            try await fixture.withRegistry { try await $0.create(client, event: RegistryFixtures.event(for: client)) }
            #expect(try await fixture.withRegistry { try await $0.clients() } == [client])
        }
    }

    /// Only the digest is kept, as bytes; nothing but the display prefix of the token is.
    @Test func theTokenDigestIsStoredAsABlob() async throws {
        try await SQLiteFixture.run { fixture in
            let client = RegistryFixtures.client()
            try await fixture.withRegistry { try await $0.create(client, event: RegistryFixtures.event(for: client)) }
            #expect(try await fixture.rawQuery("SELECT typeof(token_digest) FROM clients") == [.text("blob")])
            #expect(try await fixture.rawQuery("SELECT hex(token_digest) FROM clients") == [.text(Self.hex(client))])
        }
    }

    @Test func theAuditTrailIsAppendOnly() async throws {
        try await SQLiteFixture.run { fixture in
            let client = RegistryFixtures.client()
            try await fixture.withRegistry { try await $0.create(client, event: RegistryFixtures.event(for: client)) }
            await #expect(throws: SQLiteError.self) { try await fixture.rawQuery("DELETE FROM client_events") }
            await #expect(throws: SQLiteError.self) {
                try await fixture.rawQuery("UPDATE client_events SET actor = 'x'")
            }
            #expect(try await fixture.rawQuery("SELECT count(*) FROM client_events") == [.integer(1)])
        }
    }

    /// The ledger and the registry share the file: opening either migrates it for both.
    @Test func theLedgerAndTheRegistryShareOneFile() async throws {
        try await SQLiteFixture.run { fixture in
            let client = RegistryFixtures.client()
            try await fixture.withStore { try await $0.add(LegacyLedger.rows) }
            try await fixture.withRegistry { try await $0.create(client, event: RegistryFixtures.event(for: client)) }
            let rows = try await fixture.withStore { try await $0.usage(since: LedgerFixtures.day) }
            #expect(rows == LegacyLedger.rows)
            #expect(try await fixture.withRegistry { try await $0.clients() } == [client])
        }
    }

    @Test func aVersion2LedgerMigratesInPlaceWhenTheRegistryOpensIt() async throws {
        try await SQLiteFixture.run { fixture in
            for statement in LegacyLedger.sqliteVersion2Statements { _ = try await fixture.rawQuery(statement) }
            let client = RegistryFixtures.client()
            try await fixture.withRegistry { registry in
                #expect(try await registry.clients() == [])
                #expect(try await registry.generation() == 0)
                try await registry.create(client, event: RegistryFixtures.event(for: client))
            }
            #expect(
                try await fixture.rawQuery("SELECT version FROM schema_migrations ORDER BY 1") == [
                    .integer(1), .integer(2), .integer(3), .integer(4),
                ]
            )
            #expect(
                try await fixture.withStore { try await $0.usage(since: LedgerFixtures.day) }
                    == LegacyLedger.version2Rows
            )
            #expect(try await fixture.withRegistry { try await $0.clients() } == [client])
        }
    }

    @Test func aMissingDirectoryIsNamedForTheRegistry() async throws {
        try await SQLiteFixture.run { fixture in
            let directory = fixture.directory.appendingPathComponent("missing").path
            let path = directory + "/usage.db"
            let error = await #expect(throws: StoreError.self) {
                try await ClientRegistries.open(.sqlite(path: path), environment: [:])
            }
            #expect(
                error?.description
                    == "cannot open the client registry sqlite:\(path): the directory \(directory) does not exist"
            )
        }
    }

    private static func hex(_ client: RegisteredClient) -> String {
        client.tokenDigest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined()
    }
}
