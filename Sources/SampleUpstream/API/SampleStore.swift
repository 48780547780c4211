import Foundation

/// The sample API's data: every collection's records in creation order, plus each connection's sync runs.
/// A value type; the server keeps it behind a lock.
struct SampleStore: Sendable {
    private var records: [String: [SampleRecord]] = [:]
    private var nextNumber: [String: Int] = [:]
    private var syncs: [(connectionID: String, json: String)] = []

    static let syncModes = ["full", "incremental"]
    static let syncEntities = ["purchase_orders", "work_orders", "inventory", "suppliers"]

    func list(_ schema: ResourceSchema, filters: [String: String]) -> [SampleRecord] {
        (self.records[schema.collection] ?? []).filter { record in
            filters.allSatisfy { name, wanted in record.values[name] == .string(wanted) }
        }
    }

    func record(_ schema: ResourceSchema, id: String) throws(SampleProblem) -> SampleRecord {
        guard let record = self.records[schema.collection]?.first(where: { $0.id == id }) else {
            throw .notFound("\(schema.collection)/\(id)")
        }
        return record
    }

    mutating func create(
        _ schema: ResourceSchema,
        from object: [String: Any],
        now: Date
    ) throws(SampleProblem)
        -> SampleRecord
    {
        var values: [String: SampleValue] = [:]
        try self.checkKnownFields(object, schema)
        for field in schema.fields {
            if let raw = object[field.name] {
                values[field.name] = try FieldValidator.value(raw, for: field, exists: self.exists)
            } else if let defaultValue = field.defaultValue {
                values[field.name] = defaultValue
            } else {
                throw .invalid("'\(field.name)' is required.")
            }
        }
        return self.insert(schema, values: values, createdAt: schema.hasCreatedAt ? Self.timestamp(now) : nil)
    }

    mutating func update(
        _ schema: ResourceSchema,
        id: String,
        from object: [String: Any]
    ) throws(SampleProblem)
        -> SampleRecord
    {
        var record = try self.record(schema, id: id)
        try self.checkKnownFields(object, schema)
        for field in schema.fields {
            guard let raw = object[field.name] else { continue }
            record.values[field.name] = try FieldValidator.value(raw, for: field, exists: self.exists)
        }
        self.replace(schema, record)
        return record
    }

    mutating func delete(_ schema: ResourceSchema, id: String) throws(SampleProblem) {
        _ = try self.record(schema, id: id)
        self.records[schema.collection]?.removeAll { $0.id == id }
    }

    mutating func disconnect(_ connectionID: String) throws(SampleProblem) -> SampleRecord {
        let schema = Self.schema("connections")
        var record = try self.record(schema, id: connectionID)
        record.values["status"] = .string("disconnected")
        self.replace(schema, record)
        return record
    }

    /// Queues a sync of a connected connection.
    mutating func triggerSync(_ connectionID: String, from object: [String: Any]) throws(SampleProblem) -> String {
        let connection = try self.record(Self.schema("connections"), id: connectionID)
        guard let mode = object["mode"] as? String, Self.syncModes.contains(mode) else {
            throw .invalid("'mode' must be one of: \(Self.syncModes.joined(separator: ", ")).")
        }
        guard let entity = object["entity"] as? String, Self.syncEntities.contains(entity) else {
            throw .invalid("'entity' must be one of: \(Self.syncEntities.joined(separator: ", ")).")
        }
        guard Set(object.keys).isSubset(of: ["mode", "entity"]) else {
            throw .invalid("Only 'mode' and 'entity' are accepted.")
        }
        guard connection.values["status"] == .string("connected") else {
            throw SampleProblem(status: 409, title: "Conflict", detail: "Connection \(connectionID) is disconnected.")
        }
        let number = self.nextNumber["syncs", default: 1]
        self.nextNumber["syncs"] = number + 1
        let json = SampleRecord.syncJSON(id: "sync_\(number)", connectionID: connectionID, mode: mode, entity: entity)
        self.syncs.append((connectionID, json))
        return json
    }

    func syncs(of connectionID: String) throws(SampleProblem) -> [String] {
        _ = try self.record(Self.schema("connections"), id: connectionID)
        return self.syncs.filter { $0.connectionID == connectionID }.map(\.json)
    }

    static func schema(_ collection: String) -> ResourceSchema {
        ResourceSchema.all.first { $0.collection == collection }!
    }

    private func exists(_ collection: String, _ id: String) -> Bool {
        self.records[collection]?.contains { $0.id == id } ?? false
    }

    private func checkKnownFields(_ object: [String: Any], _ schema: ResourceSchema) throws(SampleProblem) {
        let known = Set(schema.fields.map(\.name))
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalid("'\(unknown)' is not a writable field of \(schema.collection).")
        }
    }

    private mutating func insert(
        _ schema: ResourceSchema,
        values: [String: SampleValue],
        createdAt: String?
    )
        -> SampleRecord
    {
        let number = self.nextNumber[schema.collection, default: 1]
        self.nextNumber[schema.collection] = number + 1
        let record = SampleRecord(id: "\(schema.idPrefix)_\(number)", values: values, createdAt: createdAt)
        self.records[schema.collection, default: []].append(record)
        return record
    }

    private mutating func replace(_ schema: ResourceSchema, _ record: SampleRecord) {
        guard let index = self.records[schema.collection]?.firstIndex(where: { $0.id == record.id }) else { return }
        self.records[schema.collection]?[index] = record
    }

    /// RFC 3339 in UTC, to the second.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }

    /// A few records of every kind, with fixed creation times, so that the demo has something to show.
    static func seeded() -> SampleStore {
        var store = SampleStore()
        let seeds: [(String, [String: SampleValue], String?)] = [
            ("suppliers", ["name": .string("Acme Industrial Supply"), "email": .string("orders@acme.example")], nil),
            ("suppliers", ["name": .string("Nordic Bearings AB"), "email": .string("sales@nordic.example")], nil),
            (
                "purchase-orders",
                [
                    "number": .string("PO-1001"), "supplier_id": .string("sup_1"), "status": .string("submitted"),
                    "total": .money(amount: "99.50", currency: "EUR"),
                ], "2026-01-15T09:30:00Z"
            ),
            (
                "purchase-orders",
                [
                    "number": .string("PO-1002"), "supplier_id": .string("sup_2"), "status": .string("draft"),
                    "total": .money(amount: "1250.00", currency: "EUR"),
                ], "2026-02-03T14:05:00Z"
            ),
            (
                "work-orders", ["title": .string("Replace conveyor belt"), "status": .string("open")],
                "2026-03-01T07:00:00Z"
            ),
            (
                "work-orders", ["title": .string("Inspect boiler"), "status": .string("completed")],
                "2026-02-20T10:15:00Z"
            ),
            (
                "inventory",
                ["sku": .string("BRG-6204"), "name": .string("Ball bearing 6204"), "on_hand": .integer(140)], nil
            ),
            ("inventory", ["sku": .string("BLT-A42"), "name": .string("V-belt A42"), "on_hand": .integer(12)], nil),
            ("connections", ["system": .string("sap-s4hana"), "status": .string("connected")], nil),
            ("connections", ["system": .string("ibm-maximo"), "status": .string("disconnected")], nil),
        ]
        for (collection, values, createdAt) in seeds {
            _ = store.insert(Self.schema(collection), values: values, createdAt: createdAt)
        }
        return store
    }
}
