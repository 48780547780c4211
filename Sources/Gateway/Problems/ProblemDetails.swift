/// An RFC 9457 problem document, rendered as `application/problem+json`.
public struct ProblemDetails: Sendable, Equatable {
    /// Identifies the kind of problem; stable, for clients to branch on.
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    /// Extension members (`supported_versions`, `successor_version`).
    public var extensions: [(name: String, value: ExtensionValue)]
    /// Fields the response carries besides the media type (`WWW-Authenticate` on a `401`).
    public var headers: [HTTPField]

    /// The value of an extension member: a string or a list of strings.
    public enum ExtensionValue: Sendable, Equatable {
        case string(String)
        case strings([String])
    }

    public init(
        type: String,
        title: String,
        status: Int,
        detail: String,
        extensions: [(String, ExtensionValue)] = [],
        headers: [HTTPField] = []
    ) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.extensions = extensions.map { (name: $0.0, value: $0.1) }
        self.headers = headers
    }

    public static func == (lhs: ProblemDetails, rhs: ProblemDetails) -> Bool {
        lhs.json == rhs.json
    }

    /// The problem as a compact JSON object.
    public var json: String {
        var members = [
            "\"type\":\(Self.quoted(self.type))",
            "\"title\":\(Self.quoted(self.title))",
            "\"status\":\(self.status)",
            "\"detail\":\(Self.quoted(self.detail))",
        ]
        for (name, value) in self.extensions {
            switch value {
            case .string(let text): members.append("\(Self.quoted(name)):\(Self.quoted(text))")
            case .strings(let texts):
                members.append("\(Self.quoted(name)):[\(texts.map(Self.quoted).joined(separator: ","))]")
            }
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// The problem as a response, with the right media type.
    public var response: GatewayResponse {
        GatewayResponse(
            status: self.status,
            headers: [HTTPField("Content-Type", "application/problem+json"), HTTPField("Cache-Control", "no-store")]
                + self.headers,
            body: Array(self.json.utf8)
        )
    }

    /// A JSON string literal (RFC 8259 §7).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
