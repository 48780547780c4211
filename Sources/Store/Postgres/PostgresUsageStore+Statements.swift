import Logging
import PostgresNIO

extension PostgresUsageStore {
    /// Every row from `since` on.
    static func read(since: UsageDay, on connection: PostgresConnection, logger: Logger) async throws -> UsageBatch {
        var batch = UsageBatch()
        let requests = try await connection.query(PostgresSchema.selectRequests(since: since), logger: logger)
        for try await (day, client, requested, served, method, route, statusClass, count, firstSeen, lastSeen)
            in requests.decode((Int32, String, String, String, String, String, Int32, Int64, Int64, Int64).self)
        {
            let usage = RequestUsage(
                day: UsageDay(daysSinceEpoch: day),
                client: client,
                requestedVersion: StoredRows.requestedVersion(stored: requested),
                servedVersion: served,
                method: method,
                route: route,
                statusClass: Int(statusClass)
            )
            batch.requests[usage] = UsageTally(count: count, firstSeen: firstSeen, lastSeen: lastSeen)
        }
        let changes = try await connection.query(PostgresSchema.selectChanges(since: since), logger: logger)
        for try await (day, client, served, changeVersion, changeID, count, firstSeen, lastSeen)
            in changes.decode((Int32, String, String, String, String, Int64, Int64, Int64).self)
        {
            let usage = ChangeUsage(
                day: UsageDay(daysSinceEpoch: day),
                client: client,
                servedVersion: served,
                changeVersion: changeVersion,
                changeID: changeID
            )
            batch.changes[usage] = UsageTally(count: count, firstSeen: firstSeen, lastSeen: lastSeen)
        }
        let evaluations = try await connection.query(PostgresSchema.selectEvaluations(since: since), logger: logger)
        for try await (day, client, served, evaluated, via, count, firstSeen, lastSeen)
            in evaluations.decode((Int32, String, String, String, String, Int64, Int64, Int64).self)
        {
            let usage = EvaluationUsage(
                day: UsageDay(daysSinceEpoch: day),
                client: client,
                servedVersion: served,
                evaluatedVersion: evaluated,
                via: via
            )
            batch.evaluations[usage] = UsageTally(count: count, firstSeen: firstSeen, lastSeen: lastSeen)
        }
        return batch
    }
}
