/// A dotted path to a field of a JSON body (`total.amount`); each part is a non-empty member name.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// The parts as translations look them up: one array, so that copying a path retains one buffer.
    let names: [MemberName]

    /// `["total", "amount"]` for `total.amount`.
    public var parts: [String] { self.names.map(\.text) }

    /// Parses `a.b.c`.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, parts.allSatisfy(Self.isFieldName)
        else { return nil }
        self.init(names: parts.map(MemberName.init))
    }

    init(names: [MemberName]) {
        self.names = names
    }

    public var description: String { self.names.map(\.text).joined(separator: ".") }

    /// Names are compared with JSON member names byte for byte, so they hold no character JSON must escape.
    private static func isFieldName(_ name: String) -> Bool {
        !name.isEmpty
            && !name.unicodeScalars.contains { $0 == " " || $0 == "/" || $0 == "\"" || $0 == "\\" || $0.value < 0x20 }
    }
}

/// A request path with named placeholders (`/purchase-orders/{id}`), matched segment by segment.
public struct PathTemplate: Sendable, Hashable, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        case literal(String)
        case placeholder(String)
    }

    public let segments: [Segment]

    /// Parses `/a/{b}/c`: an absolute path of non-empty segments, placeholders whole segments in braces.
    public init?(_ text: String) {
        guard text.hasPrefix("/"), !text.contains("?"), !text.contains("#") else { return nil }
        var segments: [Segment] = []
        let parts = text == "/" ? [] : text.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for part in parts {
            if part.hasPrefix("{"), part.hasSuffix("}") {
                let name = part.dropFirst().dropLast()
                guard !name.isEmpty, !name.contains("{"), !name.contains("}") else { return nil }
                segments.append(.placeholder(String(name)))
            } else {
                guard !part.isEmpty, !part.contains("{"), !part.contains("}") else { return nil }
                segments.append(.literal(String(part)))
            }
        }
        self.segments = segments
    }

    public var description: String {
        "/"
            + self.segments.map { segment in
                switch segment {
                case .literal(let text): text
                case .placeholder(let name): "{\(name)}"
                }
            }.joined(separator: "/")
    }
}
