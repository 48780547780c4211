import Versioning

/// Keeps secrets out of what a check prints. Examples show a method, a request target and the name of a field;
/// never a header value or a body value. In a target, the value of each query parameter whose name looks like a
/// credential (`api_key`, `access_token`, `password`, `sig`, …) is replaced by `REDACTED`, with `&` and `;` both
/// taken as separators and names decoded twice (`api%255Fkey`); control characters, which could drive a terminal,
/// become U+FFFD.
enum SecretRedaction {
    static let replacement = "REDACTED"

    /// `target` (an origin-form target or an absolute URL) as a check may print it.
    static func target(_ target: String) -> String {
        Self.printable(Self.redactingQuery(target))
    }

    /// `text` with control characters replaced by U+FFFD, so that it cannot move a terminal's cursor or break XML.
    static func printable(_ text: some StringProtocol) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    scalar.properties.generalCategory == .control || scalar.value == 0xFFFE || scalar.value == 0xFFFF
                        ? "\u{FFFD}" : scalar
                }
            )
        )
    }

    private static func redactingQuery(_ target: String) -> String {
        guard let queryStart = target.firstIndex(of: "?") else { return target }
        var redacted = String(target[...queryStart])
        var pair = ""
        for character in target[target.index(after: queryStart)...] {
            guard character == "&" || character == ";" else {
                pair.append(character)
                continue
            }
            redacted += Self.redacting(pair) + String(character)
            pair = ""
        }
        return redacted + Self.redacting(pair)
    }

    /// `name=value` with the value replaced when the name looks like a credential's.
    private static func redacting(_ pair: String) -> String {
        guard let equals = pair.firstIndex(of: "="), Self.looksSecret(Self.decoded(pair[..<equals])) else {
            return pair
        }
        return pair[...equals] + Self.replacement
    }

    /// Whether a parameter or field named `name` probably carries a credential.
    static func looksSecret(_ name: String) -> Bool {
        let lowered = name.lowercased()
        let words = lowered.split { !$0.isLetter && !$0.isNumber }
        return Self.secretFragments.contains { lowered.contains($0) }
            || words.contains { Self.secretWords.contains($0) }
    }

    /// A parameter name with its percent escapes decoded twice (a name encoded twice must not slip through), or
    /// as far as they decode.
    private static func decoded(_ name: Substring) -> String {
        var name = String(name)
        for _ in 0..<2 {
            guard let octets = name[...].percentDecodedOctets else { break }
            name = String(decoding: octets, as: UTF8.self)
        }
        return name
    }

    /// Substrings that mark a credential wherever they appear in a name.
    private static let secretFragments = [
        "token", "secret", "password", "passwd", "apikey", "api_key", "api-key", "auth", "session", "credential",
        "signature", "private", "bearer", "cookie", "jwt", "passphrase", "assertion", "saml", "hmac", "accesskey",
        "ticket", "nonce", "otp",
    ]
    /// Whole words that do, but only as words (`key` in `api_key`, not in `monkey`).
    private static let secretWords: Set<Substring> = ["key", "sig", "sign", "pwd", "pw", "pass", "pat", "code", "sid"]
}
