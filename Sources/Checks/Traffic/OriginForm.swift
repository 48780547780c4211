/// Request targets in origin form (RFC 9112 §3.2.1: the absolute path, then `?` and the query if any), as a
/// recording's URLs give them. The bytes are kept as written: percent-encoding is neither added nor undone, since a
/// check compares what the client sent.
enum OriginForm {
    /// The target of `url`: an absolute URL (`https://api.example/vendors?per_page=5#top` →
    /// `/vendors?per_page=5`; `https://api.example` → `/`; `https://api.example?a=1` → `/?a=1`), or a target that
    /// is already in origin form (`/vendors`). A fragment is dropped (RFC 9110 §4.2.4: never sent).
    /// - Returns: nil for anything else: a relative reference, a URL without an authority, an empty string.
    static func target(of url: String) -> String? {
        let bytes = url.utf8
        if bytes.first == UInt8(ascii: "/") { return Self.withoutFragment(Substring(url)) }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
            Self.isScheme(url[..<colon]),
            url[colon...].utf8.starts(with: "://".utf8)
        else { return nil }
        let authorityStart = url.utf8.index(colon, offsetBy: 3)
        let rest = url[authorityStart...]
        let pathStart =
            rest.utf8.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
            ?? rest.endIndex
        guard pathStart > authorityStart else { return nil }
        let target = Self.withoutFragment(rest[pathStart...])
        return target.utf8.first == UInt8(ascii: "/") ? target : "/" + target
    }

    /// RFC 3986 §3.1: `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
    private static func isScheme(_ text: Substring) -> Bool {
        guard let first = text.utf8.first, Self.isLetter(first) else { return false }
        return text.utf8.allSatisfy { byte in
            Self.isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func withoutFragment(_ text: Substring) -> String {
        guard let hash = text.utf8.firstIndex(of: UInt8(ascii: "#")) else { return String(text) }
        return String(text[..<hash])
    }
}
