import Versioning

/// Keeps secrets out of what a check prints. Examples show a method, a request target and the name of a field;
/// never a header value or a body value. In a target, the value of each query parameter whose name looks like a
/// credential (`api_key`, `access_token`, `password`, `sig`, …) is replaced by `REDACTED`.
enum SecretRedaction {
    static let replacement = "REDACTED"

    /// `target` with the values of credential-like query parameters replaced.
    static func target(_ target: String) -> String {
        guard let queryStart = target.firstIndex(of: "?") else { return target }
        let query = target[target.index(after: queryStart)...]
        let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            guard let equals = pair.firstIndex(of: "="), Self.looksSecret(Self.decoded(pair[..<equals])) else {
                return String(pair)
            }
            return pair[...equals] + Self.replacement
        }
        return target[...queryStart] + pairs.joined(separator: "&")
    }

    /// Whether a parameter or field named `name` probably carries a credential.
    static func looksSecret(_ name: String) -> Bool {
        let lowered = name.lowercased()
        let words = lowered.split { !$0.isLetter && !$0.isNumber }
        return Self.secretFragments.contains { lowered.contains($0) }
            || words.contains { Self.secretWords.contains($0) }
    }

    /// A parameter name with its percent escapes decoded, or as it is when they are malformed.
    private static func decoded(_ name: Substring) -> String {
        name.percentDecodedOctets.map { String(decoding: $0, as: UTF8.self) } ?? String(name)
    }

    /// Substrings that mark a credential wherever they appear in a name.
    private static let secretFragments = [
        "token", "secret", "password", "passwd", "apikey", "api_key", "api-key", "auth", "session", "credential",
        "signature", "private", "bearer", "cookie", "jwt",
    ]
    /// Whole words that do, but only as words (`key` in `api_key`, not in `monkey`).
    private static let secretWords: Set<Substring> = ["key", "sig", "pwd", "pass", "code", "otp", "sid"]
}
