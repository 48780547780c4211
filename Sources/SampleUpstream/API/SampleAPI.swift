import Foundation
import Synchronization

/// What the sample API answers.
struct SampleResponse: Sendable {
    var status: Int
    var body: String
    var contentType = "application/json"
    var location: String?
    /// The methods the resource takes, for a `405` (RFC 9110 §15.5.6).
    var allow: String?

    static func problem(_ problem: SampleProblem) -> SampleResponse {
        SampleResponse(
            status: problem.status,
            body: problem.json,
            contentType: "application/problem+json",
            allow: problem.allow
        )
    }
}

/// The unified ERP & maintenance API in its v2 shape, over an in-memory store: routing, pagination,
/// validation. Free of I/O; the server hands it each complete request.
final class SampleAPI: Sendable {
    private let store = Mutex(SampleStore.seeded())
    private let clock: @Sendable () -> Date

    init(clock: @escaping @Sendable () -> Date = { Date() }) {
        self.clock = clock
    }

    /// `HEAD` is answered as `GET` (RFC 9110 §9.3.2); the server leaves out the body.
    func handle(method: String, target: String, body: [UInt8]) -> SampleResponse {
        do throws(SampleProblem) {
            return try self.route(method: method == "HEAD" ? "GET" : method, target: target, body: body)
        } catch {
            return .problem(error)
        }
    }

    private func route(method: String, target: String, body: [UInt8]) throws(SampleProblem) -> SampleResponse {
        let (path, query) = Self.split(target)
        let segments = path.split(separator: "/").map(String.init)
        guard let first = segments.first, let schema = ResourceSchema.all.first(where: { $0.collection == first })
        else {
            throw .notFound("The endpoint \(path)")
        }
        switch (segments.count, method) {
        case (1, "GET"):
            return try self.list(schema, query: query)
        case (1, "POST"):
            let object = try SampleJSON.object(from: body)
            let record = try self.store.withLock { (store) throws(SampleProblem) in
                try store.create(schema, from: object, now: self.clock())
            }
            return SampleResponse(
                status: 201,
                body: record.json(schema),
                location: "/\(schema.collection)/\(record.id)"
            )
        case (2, "GET"):
            let record = try self.store.withLock { (store) throws(SampleProblem) in
                try store.record(schema, id: segments[1])
            }
            return SampleResponse(status: 200, body: record.json(schema))
        case (2, "PATCH"):
            let object = try SampleJSON.object(from: body)
            let record = try self.store.withLock { (store) throws(SampleProblem) in
                try store.update(schema, id: segments[1], from: object)
            }
            return SampleResponse(status: 200, body: record.json(schema))
        case (2, "DELETE"):
            try self.store.withLock { (store) throws(SampleProblem) in try store.delete(schema, id: segments[1]) }
            return SampleResponse(status: 204, body: "")
        case (3, _) where schema.collection == "connections":
            return try self.connectionAction(segments[1], segments[2], method: method, body: body)
        case (1...2, _):
            throw SampleProblem(
                status: 405,
                title: "Method not allowed",
                detail: "\(method) is not allowed on \(path).",
                allow: segments.count == 1 ? "GET, HEAD, POST" : "GET, HEAD, PATCH, DELETE"
            )
        default:
            throw .notFound("The endpoint \(path)")
        }
    }

    private func connectionAction(
        _ id: String,
        _ action: String,
        method: String,
        body: [UInt8]
    )
        throws(SampleProblem) -> SampleResponse
    {
        switch (action, method) {
        case ("disconnect", "POST"):
            let record = try self.store.withLock { (store) throws(SampleProblem) in try store.disconnect(id) }
            return SampleResponse(status: 200, body: record.json(SampleStore.schema("connections")))
        case ("syncs", "POST"):
            let object = try SampleJSON.object(from: body)
            let json = try self.store.withLock { (store) throws(SampleProblem) in
                try store.triggerSync(id, from: object)
            }
            return SampleResponse(status: 202, body: json)
        case ("syncs", "GET"):
            let runs = try self.store.withLock { (store) throws(SampleProblem) in try store.syncs(of: id) }
            return SampleResponse(status: 200, body: SampleJSON.list(runs, total: runs.count))
        default:
            throw .notFound("The endpoint /connections/\(id)/\(action) for \(method)")
        }
    }

    private func list(_ schema: ResourceSchema, query: [String: String]) throws(SampleProblem) -> SampleResponse {
        let limit = try Self.integer(query["limit"], name: "limit", default: 25, range: 1...100)
        let offset = try Self.integer(query["offset"], name: "offset", default: 0, range: 0...Int.max)
        let filters = query.filter { schema.filters.contains($0.key) }
        let matching = self.store.withLock { $0.list(schema, filters: filters) }
        let page = matching.dropFirst(offset).prefix(limit).map { $0.json(schema) }
        return SampleResponse(status: 200, body: SampleJSON.list(Array(page), total: matching.count))
    }

    private static func integer(
        _ text: String?,
        name: String,
        default value: Int,
        range: ClosedRange<Int>
    )
        throws(SampleProblem) -> Int
    {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw SampleProblem(
                status: 400,
                title: "Invalid query parameter",
                detail: "'\(name)' must be an integer from \(range.lowerBound) to \(range.upperBound)."
            )
        }
        return number
    }

    private static func split(_ target: String) -> (path: String, query: [String: String]) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var query: [String: String] = [:]
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let keyValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = String(keyValue[0]).removingPercentEncoding ?? String(keyValue[0])
                let value = keyValue.count > 1 ? String(keyValue[1]).removingPercentEncoding ?? String(keyValue[1]) : ""
                query[key] = value
            }
        }
        return (String(parts[0]), query)
    }
}
