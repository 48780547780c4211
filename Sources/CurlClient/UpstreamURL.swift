/// A validated upstream base URL: `http` or `https`, a host, an optional port and base path, nothing else.
public struct UpstreamURL: Sendable, Equatable, CustomStringConvertible {
    /// `scheme://host[:port]`, what curl connects to.
    public let origin: String
    /// The base path without a trailing slash (`""` or `/api`), put before every request target.
    public let basePath: String

    public var description: String { self.origin + self.basePath }

    /// Why an upstream URL was refused, in words a user can act on.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public init(_ text: String) throws(ParseError) {
        let shown = Self.redacting(text)
        let scheme: String
        if text.hasPrefix("http://") {
            scheme = "http://"
        } else if text.hasPrefix("https://") {
            scheme = "https://"
        } else {
            throw ParseError(description: "upstream URL '\(shown)' must start with http:// or https://")
        }
        let rest = text.dropFirst(scheme.count)
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var path = String(rest[authorityEnd...])
        guard !authority.isEmpty, !authority.contains("@") else {
            throw ParseError(description: "upstream URL '\(shown)' needs a host and must not carry credentials")
        }
        // Anywhere, not only in the path: `http://host:1?x=1` has no path at all.
        guard !rest.contains("?"), !rest.contains("#") else {
            throw ParseError(description: "upstream URL '\(shown)' must not have a query or fragment")
        }
        let allowed = { (byte: UInt8) in byte > 0x20 && byte < 0x7F }
        guard authority.utf8.allSatisfy(allowed), path.utf8.allSatisfy(allowed) else {
            throw ParseError(description: "upstream URL '\(shown)' contains spaces or non-ASCII characters")
        }
        // curl would take a port out of range (or none after the colon) and fail every request with a 502.
        if let port = Self.port(in: authority) {
            guard port.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                let number = Int(port), (1...65535).contains(number)
            else {
                throw ParseError(description: "upstream URL '\(shown)' must have a port between 1 and 65535")
            }
        }
        while path.hasSuffix("/") { path.removeLast() }
        self.origin = scheme + authority
        self.basePath = path
    }

    /// `text` with any credentials in it replaced by `***` (`http://user:token@host` → `http://***@host`), for
    /// messages. Everything between the scheme and the last `@` goes, so that a password holding `/`, `?` or `#`
    /// does not leak either.
    public static func redacting(_ text: String) -> String {
        let start = text.firstRange(of: "://")?.upperBound ?? text.startIndex
        guard let at = text[start...].lastIndex(of: "@") else { return text }
        return text[..<start] + "***" + text[at...]
    }

    /// The text after the port's colon (`host:port`, `[::1]:port`), or nil when the authority names no port.
    private static func port(in authority: Substring) -> Substring? {
        var afterHost = authority
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            afterHost = authority[authority.index(after: close)...]
            // Only a port may follow the brackets (`[::1]x` is checked as one, and refused).
            guard afterHost.isEmpty || afterHost.hasPrefix(":") else { return afterHost }
        }
        guard let colon = afterHost.firstIndex(of: ":") else { return nil }
        return afterHost[afterHost.index(after: colon)...]
    }
}
