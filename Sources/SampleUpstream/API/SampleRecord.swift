import Foundation

/// One stored record: its id, field values, and when it was created (for resources that say so).
struct SampleRecord: Sendable {
    let id: String
    var values: [String: SampleValue]
    let createdAt: String?

    /// The record as a JSON object: `id`, the schema's fields in order, then `created_at`.
    func json(_ schema: ResourceSchema) -> String {
        var members = ["\"id\":\(SampleJSON.quoted(self.id))"]
        for field in schema.fields {
            if let value = self.values[field.name] { members.append("\(SampleJSON.quoted(field.name)):\(value.json)") }
        }
        if let createdAt { members.append("\"created_at\":\(SampleJSON.quoted(createdAt))") }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// A sync run of a connection, rendered in its own shape.
    static func syncJSON(id: String, connectionID: String, mode: String, entity: String) -> String {
        "{\"id\":\(SampleJSON.quoted(id)),\"connection_id\":\(SampleJSON.quoted(connectionID)),"
            + "\"mode\":\(SampleJSON.quoted(mode)),\"entity\":\(SampleJSON.quoted(entity)),\"status\":\"queued\"}"
    }
}

/// Turns a decoded JSON value into a field value, or says what is wrong with it.
enum FieldValidator {
    static func value(
        _ raw: Any,
        for field: ResourceSchema.Field,
        exists: (String, String) -> Bool
    )
        throws(SampleProblem) -> SampleValue
    {
        switch field.kind {
        case .string:
            guard let text = raw as? String, !text.isEmpty else {
                throw .invalid("'\(field.name)' must be a non-empty string.")
            }
            return .string(text)
        case .email:
            guard let text = raw as? String, text.contains("@") else {
                throw .invalid("'\(field.name)' must be an email address.")
            }
            return .string(text)
        case .integer:
            guard let number = raw as? NSNumber, !Self.isBoolean(number),
                let integer = Int(exactly: number.doubleValue),
                integer >= 0
            else { throw .invalid("'\(field.name)' must be a non-negative integer.") }
            return .integer(integer)
        case .enumeration(let choices):
            guard let text = raw as? String, choices.contains(text) else {
                throw .invalid("'\(field.name)' must be one of: \(choices.joined(separator: ", ")).")
            }
            return .string(text)
        case .money:
            guard let object = raw as? [String: Any], object.count == 2, let amount = object["amount"] as? String,
                let currency = object["currency"] as? String, Self.isDecimal(amount), Self.isCurrency(currency)
            else {
                throw .invalid("'\(field.name)' must be {\"amount\": \"99.50\", \"currency\": \"EUR\"}.")
            }
            return .money(amount: amount, currency: currency)
        case .reference(let collection):
            guard let id = raw as? String, exists(collection, id) else {
                throw .invalid("'\(field.name)' must name an existing record of \(collection).")
            }
            return .string(id)
        }
    }

    /// JSONSerialization hands booleans over as numbers of Objective-C type `c`; they are not integers here.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    private static func isDecimal(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let digits = { (part: Substring) in !part.isEmpty && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber) }
        return (parts.count == 1 && digits(parts[0]))
            || (parts.count == 2 && digits(parts[0]) && digits(parts[1]) && parts[1].count <= 4)
    }

    private static func isCurrency(_ text: String) -> Bool {
        text.count == 3 && text.allSatisfy { $0.isASCII && $0.isUppercase }
    }
}
