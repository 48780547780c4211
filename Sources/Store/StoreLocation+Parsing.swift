import Versioning

extension StoreLocation {
    /// The forms `--store` accepts, as error messages name them.
    static let acceptedForms = "sqlite:PATH or postgres://USER@HOST[:PORT]/DATABASE"

    /// Reads a `--store` value: `sqlite:PATH`, or `postgres://USER@HOST[:PORT]/DATABASE` (also `postgresql://`; the
    /// port defaults to 5432, an IPv6 host goes in brackets, user and database may be percent-encoded).
    ///
    /// - Throws: ``StoreError`` in one line naming the accepted forms. A URL holding a password is refused, and no
    ///   error ever repeats a URL's text, so a password typed by mistake is never echoed.
    public init(parsing text: String) throws(StoreError) {
        if let path = text.dropping(prefix: "sqlite:") {
            guard !path.isEmpty else {
                throw StoreError("the usage store sqlite: names no file: give sqlite:PATH, e.g. sqlite:usage.db")
            }
            guard !path.hasPrefix("//") else {
                throw StoreError(
                    "the usage store sqlite:\(path) is written as a URL: give sqlite:PATH, e.g. sqlite:usage.db or "
                        + "sqlite:/var/lib/versiongate/usage.db"
                )
            }
            self = .sqlite(path: String(path))
        } else if let rest = text.dropping(prefix: "postgres://") ?? text.dropping(prefix: "postgresql://") {
            self = .postgres(try PostgresEndpoint(parsingURLRest: rest))
        } else {
            throw StoreError("the usage store must be \(Self.acceptedForms)")
        }
    }
}

extension PostgresEndpoint {
    /// Reads what follows `postgres://`: `USER@HOST[:PORT]/DATABASE`.
    /// - Throws: ``StoreError`` saying what is missing or malformed, never quoting `rest`.
    fileprivate init(parsingURLRest rest: Substring) throws(StoreError) {
        func malformed(_ problem: String) -> StoreError {
            StoreError("the usage store URL \(problem): give postgres://USER@HOST[:PORT]/DATABASE")
        }
        // The last '@' ends the user part: a mistyped password may itself hold '@' or '/'.
        guard let at = rest.lastIndex(of: "@") else { throw malformed("names no user") }
        let userPart = rest[..<at]
        guard !userPart.contains(":") else {
            throw StoreError(
                "the usage store URL must not contain a password: PostgreSQL's password comes only from "
                    + "PGPASSWORD, PGPASSWORD_FILE or PGPASSFILE"
            )
        }
        guard !userPart.isEmpty, !userPart.contains("/"), let user = userPart.percentDecoded(), !user.isEmpty else {
            throw malformed("names no user")
        }
        let afterUser = rest[rest.index(after: at)...]
        guard let slash = afterUser.firstIndex(of: "/") else { throw malformed("names no database") }
        let path = afterUser[afterUser.index(after: slash)...]
        guard !path.contains("?"), !path.contains("#") else { throw malformed("has parameters, which are not read") }
        guard let database = path.percentDecoded(), !database.isEmpty else { throw malformed("names no database") }
        let (host, port) = try Self.hostAndPort(afterUser[..<slash], malformed: malformed)
        self.init(user: user, host: host, port: port, database: database)
    }

    /// `HOST`, `HOST:PORT`, `[IPV6]` or `[IPV6]:PORT`; the port defaults to 5432.
    private static func hostAndPort(
        _ text: Substring,
        malformed: (String) -> StoreError
    ) throws(StoreError) -> (host: String, port: Int) {
        let host: Substring
        let portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw malformed("has an unclosed [ around its host") }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { throw malformed("has text after its ]") }
            portText = after.isEmpty ? nil : after.dropFirst()
        } else if text.count(where: { $0 == ":" }) > 1 {
            throw malformed("has an IPv6 host without brackets, e.g. [::1]")
        } else if let colon = text.firstIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            host = text
            portText = nil
        }
        guard !host.isEmpty else { throw malformed("names no host") }
        guard let portText else { return (String(host), 5432) }
        guard portText.utf8.allSatisfy(Self.isDigit), let port = Int(portText), (1...65_535).contains(port) else {
            throw malformed("has a port that is not a number from 1 to 65535")
        }
        return (String(host), port)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}

extension String {
    /// The rest of the string after `prefix`, or nil when it does not start with it.
    fileprivate func dropping(prefix: String) -> Substring? {
        self.hasPrefix(prefix) ? self.dropFirst(prefix.count) : nil
    }
}

extension Substring {
    /// The text with `%XX` escapes decoded; nil when an escape is malformed or the bytes are not UTF-8.
    fileprivate func percentDecoded() -> String? {
        self.percentDecodedOctets.flatMap { String(validating: $0, as: UTF8.self) }
    }
}
