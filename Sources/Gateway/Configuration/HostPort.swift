import Glibc

/// A host and port as a URL or a message writes them: `127.0.0.1:8080`, and an IPv6 literal in brackets,
/// `[::1]:8080` (RFC 3986 §3.2.2), which curl and browsers need and which keeps the port readable.
///
/// ```swift
/// print("serving on http://\(HostPort(host: "::1", port: 8080))")  // serving on http://[::1]:8080
/// ```
public struct HostPort: Sendable, Equatable, CustomStringConvertible {
    /// An IPv4 or IPv6 literal, the latter with or without its brackets.
    public let host: String
    public let port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `host:port`, an IPv6 literal in brackets.
    public var description: String {
        let bracketed = self.host.contains(":") && !self.host.hasPrefix("[") ? "[\(self.host)]" : self.host
        return "\(bracketed):\(self.port)"
    }

    /// Whether the gateway can listen on `host`: an IPv4 literal (`127.0.0.1`) or an IPv6 literal (`::1`,
    /// `[::1]`). Names such as `localhost` are not resolved: which address they mean depends on the machine.
    public static func isAddressLiteral(_ host: String) -> Bool {
        var address = in6_addr()
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return inet_pton(AF_INET, host, &address) == 1 || inet_pton(AF_INET6, bare, &address) == 1
    }
}
