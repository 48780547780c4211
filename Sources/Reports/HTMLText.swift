/// Text made safe for HTML and SVG, in element content and in quoted attribute values alike: `&`, `<`, `>`, `"`
/// and `'` become character references, and the controls of ``ReportFormatting/oneLine(_:)`` become U+FFFD. Client
/// names come from request headers: a `<script>` in one must read as text.
enum HTMLText {
    static func escaped(_ text: String) -> String {
        var escaped = ""
        for character in ReportFormatting.oneLine(text) {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
