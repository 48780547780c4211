import Testing

@testable import Store

@Suite struct SchemaMigrationTests {
    private let known = [
        SchemaMigration(version: 1, statements: ["CREATE TABLE a (x INTEGER)"]),
        SchemaMigration(version: 2, statements: ["CREATE TABLE b (x INTEGER)"]),
    ]
    private let location = StoreLocation.sqlite(path: "usage.db")

    @Test func aNewStoreGetsTheFirstMigrationAndAnUpToDateOneNone() throws {
        #expect(try SchemaMigration.next(after: 0, in: self.known, location: self.location)?.version == 1)
        #expect(try SchemaMigration.next(after: 1, in: self.known, location: self.location)?.version == 2)
        #expect(try SchemaMigration.next(after: 2, in: self.known, location: self.location) == nil)
    }

    @Test func aStoreAheadOfThisProgramIsRefused() {
        let error = #expect(throws: StoreError.self) {
            try SchemaMigration.next(after: 3, in: self.known, location: self.location)
        }
        #expect(
            error?.description
                == "cannot open the usage store sqlite:usage.db: its schema is at migration 3, newer than the 2 this "
                + "versiongate knows; upgrade versiongate"
        )
    }

    @Test func bothStoresNumberTheirMigrationsAlikeFromOneUp() {
        let sqlite = SQLiteSchema.migrations.map(\.version)
        #expect(sqlite == Array(1...sqlite.count))
        #expect(PostgresSchema.migrations.map(\.version) == sqlite)
    }
}
