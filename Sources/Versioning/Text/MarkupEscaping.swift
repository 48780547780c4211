/// Text made safe for HTML, SVG and XML, in element content and in quoted attribute values alike: `&`, `<`, `>`, `"`
/// and `'` become character references (XML 1.0 §2.4, HTML's named and numeric references). Callers replace the
/// control characters their markup cannot carry first.
public enum MarkupEscaping {
    public static func escaped(_ text: some StringProtocol) -> String {
        var escaped = ""
        for character in text {
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
