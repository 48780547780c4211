import Versioning

/// One request and its response as a traffic recording holds them (a HAR entry, a line of JSON lines), in the
/// client's version: what a migration check examines.
public struct RecordedExchange: Sendable, Equatable {
    /// The request method as recorded (`GET`, `POST`, …).
    public var method: String
    /// The request target in origin form (RFC 9112 §3.2.1): the path and, if any, `?` and the query.
    public var target: String
    public var requestFields: [RecordedField]
    /// The request content as sent (decoded from base64 where the recording encoded it); nil when none.
    public var requestBody: [UInt8]?
    /// The response status; nil when the recording holds no response (a request that got none).
    public var status: Int?
    public var responseFields: [RecordedField]
    /// The response content as received; nil when none or not recorded.
    public var responseBody: [UInt8]?
    /// Whether the recording says the response had content but does not hold it (a HAR saved without content).
    public var responseBodyOmitted = false
    /// Where the recording holds this exchange, for messages and examples.
    public var origin: TrafficOrigin

    /// The response content as a check reads it.
    var responseContent: ResponseContent {
        if let body = self.responseBody, !body.isEmpty { return .bytes(body) }
        return self.responseBodyOmitted ? .unrecorded : .none
    }

    public init(
        method: String,
        target: String,
        requestFields: [RecordedField] = [],
        requestBody: [UInt8]? = nil,
        status: Int? = nil,
        responseFields: [RecordedField] = [],
        responseBody: [UInt8]? = nil,
        origin: TrafficOrigin
    ) {
        self.method = method
        self.target = target
        self.requestFields = requestFields
        self.requestBody = requestBody
        self.status = status
        self.responseFields = responseFields
        self.responseBody = responseBody
        self.origin = origin
    }
}

/// A header or trailer field as recorded: a name and one value (a repeated field is recorded once per value).
public struct RecordedField: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Where an exchange sits in its recording: the file, and the HAR entry (counted from 1) or the JSON line.
public struct TrafficOrigin: Sendable, Equatable, CustomStringConvertible {
    public enum Position: Sendable, Equatable {
        case entry(Int)
        case line(Int)
    }

    public var file: String
    public var position: Position

    public init(file: String, position: Position) {
        self.file = file
        self.position = position
    }

    /// `calls.har entry 3`, `calls.jsonl:12`.
    public var description: String {
        switch self.position {
        case .entry(let number): "\(self.file) entry \(number)"
        case .line(let number): "\(self.file):\(number)"
        }
    }
}
