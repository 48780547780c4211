/// The shape of one resource of the sample API: its path, id prefix and fields, in the order they are rendered.
struct ResourceSchema: Sendable {
    enum Kind: Sendable {
        case string
        case email
        case integer
        case enumeration([String])
        case money
        /// The id of a record of another collection (`supplier_id` → `suppliers`).
        case reference(String)
    }

    struct Field: Sendable {
        let name: String
        let kind: Kind
        /// Must be given on create (fields with a default are not).
        let required: Bool
        /// The value a create without the field gets.
        let defaultValue: SampleValue?
    }

    /// The collection's path segment (`purchase-orders`).
    let collection: String
    let idPrefix: String
    let fields: [Field]
    /// Whether records carry a server-set `created_at`.
    let hasCreatedAt: Bool
    /// Query parameters that filter a list by a field of the same name.
    let filters: [String]

    static let all: [ResourceSchema] = [
        ResourceSchema(
            collection: "suppliers",
            idPrefix: "sup",
            fields: [.init("name", .string), .init("email", .email)],
            hasCreatedAt: false,
            filters: []
        ),
        ResourceSchema(
            collection: "purchase-orders",
            idPrefix: "po",
            fields: [
                .init("number", .string), .init("supplier_id", .reference("suppliers")),
                .init(
                    "status",
                    .enumeration(["draft", "submitted", "received", "cancelled"]),
                    default: .string("draft")
                ),
                .init("total", .money),
            ],
            hasCreatedAt: true,
            filters: ["supplier_id"]
        ),
        ResourceSchema(
            collection: "work-orders",
            idPrefix: "wo",
            fields: [
                .init("title", .string),
                .init(
                    "status",
                    .enumeration(["open", "in_progress", "completed", "cancelled"]),
                    default: .string("open")
                ),
            ],
            hasCreatedAt: true,
            filters: ["status"]
        ),
        ResourceSchema(
            collection: "inventory",
            idPrefix: "inv",
            fields: [.init("sku", .string), .init("name", .string), .init("on_hand", .integer, default: .integer(0))],
            hasCreatedAt: false,
            filters: ["sku"]
        ),
        ResourceSchema(
            collection: "connections",
            idPrefix: "con",
            fields: [
                .init("system", .string),
                .init("status", .enumeration(["connected", "disconnected"]), default: .string("connected")),
            ],
            hasCreatedAt: false,
            filters: []
        ),
    ]
}

extension ResourceSchema.Field {
    init(_ name: String, _ kind: ResourceSchema.Kind, default defaultValue: SampleValue? = nil) {
        self.init(name: name, kind: kind, required: defaultValue == nil, defaultValue: defaultValue)
    }
}
