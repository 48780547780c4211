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
        let scheme: String
        if text.hasPrefix("http://") {
            scheme = "http://"
        } else if text.hasPrefix("https://") {
            scheme = "https://"
        } else {
            throw ParseError(description: "upstream URL '\(text)' must start with http:// or https://")
        }
        let rest = text.dropFirst(scheme.count)
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var path = String(rest[authorityEnd...])
        guard !authority.isEmpty, !authority.contains("@") else {
            throw ParseError(description: "upstream URL '\(text)' needs a host and must not carry credentials")
        }
        guard !path.contains("?"), !path.contains("#") else {
            throw ParseError(description: "upstream URL '\(text)' must not have a query or fragment")
        }
        let allowed = { (byte: UInt8) in byte > 0x20 && byte < 0x7F }
        guard authority.utf8.allSatisfy(allowed), path.utf8.allSatisfy(allowed) else {
            throw ParseError(description: "upstream URL '\(text)' contains spaces or non-ASCII characters")
        }
        while path.hasSuffix("/") { path.removeLast() }
        self.origin = scheme + authority
        self.basePath = path
    }
}
