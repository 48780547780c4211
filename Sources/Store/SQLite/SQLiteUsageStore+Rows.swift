import SQLiteNIO

extension SQLiteUsageStore {
    /// Adds `rows` to the tables, ``SQLiteSchema/rowsPerStatement`` rows per statement.
    static func upsert(_ rows: StoredRows, on connection: SQLiteConnection) async throws {
        for chunk in rows.requests.chunked(by: SQLiteSchema.rowsPerStatement) {
            let binds = chunk.flatMap { row -> [SQLiteData] in
                [
                    .text(row.usage.day.description), .text(row.usage.client), .text(row.requestedVersion),
                    .text(row.usage.servedVersion), .text(row.usage.method), .text(row.usage.route),
                    .integer(SQLiteInt64(row.usage.statusClass)),
                ] + Self.binds(row.tally)
            }
            _ = try await connection.query(SQLiteSchema.upsertRequests(rowCount: chunk.count), binds)
        }
        for chunk in rows.changes.chunked(by: SQLiteSchema.rowsPerStatement) {
            let binds = chunk.flatMap { row -> [SQLiteData] in
                [
                    .text(row.usage.day.description), .text(row.usage.client), .text(row.usage.servedVersion),
                    .text(row.usage.changeVersion), .text(row.usage.changeID),
                ] + Self.binds(row.tally)
            }
            _ = try await connection.query(SQLiteSchema.upsertChanges(rowCount: chunk.count), binds)
        }
        for chunk in rows.evaluations.chunked(by: SQLiteSchema.rowsPerStatement) {
            let binds = chunk.flatMap { row -> [SQLiteData] in
                [
                    .text(row.usage.day.description), .text(row.usage.client), .text(row.usage.servedVersion),
                    .text(row.usage.evaluatedVersion), .text(row.usage.via),
                ] + Self.binds(row.tally)
            }
            _ = try await connection.query(SQLiteSchema.upsertEvaluations(rowCount: chunk.count), binds)
        }
    }

    /// Every row from `since` on.
    /// - Parameter schema: the ledger's migration; below ``SQLiteSchema/evaluationsMigration`` (a report reading an
    ///   older ledger as it is) there is no evaluation table, and no evaluation rows.
    /// - Throws: ``StoreError`` for a row this program did not write (a NULL, a text where a number belongs).
    static func read(since: UsageDay, schema: Int, on connection: SQLiteConnection) async throws -> UsageBatch {
        var batch = UsageBatch()
        for row in try await connection.query(SQLiteSchema.selectRequests, [.text(since.description)]) {
            let usage = RequestUsage(
                day: try Self.day(row),
                client: try SQLiteRows.text(row, "client"),
                requestedVersion: StoredRows.requestedVersion(stored: try SQLiteRows.text(row, "requested_version")),
                servedVersion: try SQLiteRows.text(row, "served_version"),
                method: try SQLiteRows.text(row, "method"),
                route: try SQLiteRows.text(row, "route"),
                statusClass: Int(try SQLiteRows.integer(row, "status_class"))
            )
            batch.requests[usage] = try Self.tally(row)
        }
        for row in try await connection.query(SQLiteSchema.selectChanges, [.text(since.description)]) {
            let usage = ChangeUsage(
                day: try Self.day(row),
                client: try SQLiteRows.text(row, "client"),
                servedVersion: try SQLiteRows.text(row, "served_version"),
                changeVersion: try SQLiteRows.text(row, "change_version"),
                changeID: try SQLiteRows.text(row, "change_id")
            )
            batch.changes[usage] = try Self.tally(row)
        }
        guard schema >= SQLiteSchema.evaluationsMigration else { return batch }
        for row in try await connection.query(SQLiteSchema.selectEvaluations, [.text(since.description)]) {
            let usage = EvaluationUsage(
                day: try Self.day(row),
                client: try SQLiteRows.text(row, "client"),
                servedVersion: try SQLiteRows.text(row, "served_version"),
                evaluatedVersion: try SQLiteRows.text(row, "evaluated_version"),
                via: try SQLiteRows.text(row, "via")
            )
            batch.evaluations[usage] = try Self.tally(row)
        }
        return batch
    }

    private static func binds(_ tally: UsageTally) -> [SQLiteData] {
        [
            .integer(SQLiteInt64(tally.count)), .integer(SQLiteInt64(tally.firstSeen)),
            .integer(SQLiteInt64(tally.lastSeen)),
        ]
    }

    private static func tally(_ row: SQLiteRow) throws(StoreError) -> UsageTally {
        UsageTally(
            count: try SQLiteRows.integer(row, "requests"),
            firstSeen: try SQLiteRows.integer(row, "first_seen"),
            lastSeen: try SQLiteRows.integer(row, "last_seen")
        )
    }

    private static func day(_ row: SQLiteRow) throws(StoreError) -> UsageDay {
        guard let days = Int32(exactly: try SQLiteRows.integer(row, "day_number")) else {
            throw SQLiteRows.malformed("day")
        }
        return UsageDay(daysSinceEpoch: days)
    }
}

extension Array {
    /// The array in consecutive slices of at most `size` elements.
    fileprivate func chunked(by size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: self.count, by: size).map { self[$0..<Swift.min($0 + size, self.count)] }
    }
}
