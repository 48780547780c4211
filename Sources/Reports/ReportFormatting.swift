import Versioning

/// How figures and untrusted names read in the human formats (text, Markdown, HTML).
enum ReportFormatting {
    /// `1234567` as `1,234,567`.
    static func count(_ value: Int64) -> String {
        value.groupedByThousands
    }

    /// `value` and the noun it counts, agreeing: `1 request`, `1,234 requests`, `0 requests`.
    static func count(_ value: Int64, _ singular: String, plural: String? = nil) -> String {
        "\(self.count(value)) \(value == 1 ? singular : plural ?? singular + "s")"
    }

    /// Requests by status class on one line: `2xx 140 · 3xx 0 · 4xx 10 · 5xx 0`, 1xx and unknown only when some
    /// request had them.
    static func statusClasses(_ counts: StatusClassCounts) -> String {
        counts.shown.map { "\($0.name) \(self.count($0.requests))" }.joined(separator: " · ")
    }

    /// A share of 0...1 as a percentage with one decimal: `0.6667` as `66.7%`.
    static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// Days left until a sunset: `275 days left`, `1 day left`, or `no sunset`.
    static func daysLeft(_ days: Int?) -> String {
        guard let days else { return "no sunset" }
        return days == 1 ? "1 day left" : "\(days) days left"
    }

    /// `text` safe to show as one line: control characters (line breaks included) and the bidirectional
    /// overrides and isolates that could reorder what surrounds it become U+FFFD. Client names come from request
    /// headers and may hold anything.
    static func oneLine(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let isControl = scalar.properties.generalCategory == .control
            let isBidiControl = (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
            scalars.append(isControl || isBidiControl ? "\u{FFFD}" : scalar)
        }
        return String(scalars)
    }

    /// `text` cut to at most `width` characters, the last one `…` when cut.
    static func truncated(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 0 else { return "" }
        return text.prefix(width - 1) + "…"
    }
}
