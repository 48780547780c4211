import Foundation

/// A field value of a sample record.
enum SampleValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    /// A decimal amount kept as text (`"99.50"`) so that no binary rounding touches money.
    case money(amount: String, currency: String)

    var json: String {
        switch self {
        case .string(let text): SampleJSON.quoted(text)
        case .integer(let number): String(number)
        case .money(let amount, let currency):
            "{\"amount\":\(SampleJSON.quoted(amount)),\"currency\":\(SampleJSON.quoted(currency))}"
        }
    }
}

/// JSON in and out for the sample API: JSONSerialization reads, records write themselves in field order.
enum SampleJSON {
    /// Parses a request body that must be a JSON object.
    static func object(from body: [UInt8]) throws(SampleProblem) -> [String: Any] {
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(body)), let object = parsed as? [String: Any]
        else { throw SampleProblem(status: 400, title: "Malformed JSON", detail: "The body must be a JSON object.") }
        return object
    }

    /// A JSON string literal, as Foundation's encoder writes it.
    static func quoted(_ text: String) -> String {
        let data = try? JSONSerialization.data(
            withJSONObject: text,
            options: [.fragmentsAllowed, .withoutEscapingSlashes]
        )
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    /// The list envelope of the v2 API: `{"data":[…],"meta":{"total":N}}`.
    static func list(_ items: [String], total: Int) -> String {
        "{\"data\":[\(items.joined(separator: ","))],\"meta\":{\"total\":\(total)}}"
    }
}

/// An error answered as `application/problem+json`.
struct SampleProblem: Error, Sendable {
    let status: Int
    let title: String
    let detail: String
    /// The methods the resource takes, for a `405`.
    var allow: String? = nil

    var json: String {
        "{\"type\":\"about:blank\",\"title\":\(SampleJSON.quoted(self.title)),\"status\":\(self.status),"
            + "\"detail\":\(SampleJSON.quoted(self.detail))}"
    }

    static func notFound(_ what: String) -> SampleProblem {
        SampleProblem(status: 404, title: "Not found", detail: "\(what) does not exist.")
    }

    static func invalid(_ detail: String) -> SampleProblem {
        SampleProblem(status: 422, title: "Validation failed", detail: detail)
    }
}
