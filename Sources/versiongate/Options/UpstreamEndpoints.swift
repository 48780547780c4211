import CurlClient
import Glibc

/// The socket addresses an upstream URL reaches, to tell whether two URLs name one server whatever they are
/// spelled like (`localhost` and `127.0.0.1`, an IPv6 literal and its compressed form). Resolves names with the
/// system's resolver: for start-up checks, never on an event loop.
enum UpstreamEndpoints {
    /// Whether `a` and `b` reach a common address and port; URLs whose hosts do not resolve compare by their origin.
    static func overlap(_ a: UpstreamURL, _ b: UpstreamURL) -> Bool {
        if a.origin == b.origin { return true }
        let (first, second) = (self.addresses(of: a), self.addresses(of: b))
        guard !first.isEmpty, !second.isEmpty else { return false }
        return !first.isDisjoint(with: second)
    }

    /// `address port` for each address the URL's host resolves to, with its port (the scheme's when it names none).
    private static func addresses(of url: UpstreamURL) -> Set<String> {
        let https = url.origin.hasPrefix("https://")
        let authority = url.origin.dropFirst(https ? 8 : 7)
        var host = authority[...]
        var port = https ? "443" : "80"
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.index(after: authority.startIndex)..<close]
            let rest = authority[authority.index(after: close)...]
            if rest.hasPrefix(":") { port = String(rest.dropFirst()) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = String(authority[authority.index(after: colon)...])
        }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(String(host), port, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var found: Set<String> = []
        var entry = list
        while let info = entry?.pointee {
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
            if getnameinfo(
                info.ai_addr,
                info.ai_addrlen,
                &text,
                socklen_t(text.count),
                &service,
                socklen_t(service.count),
                NI_NUMERICHOST | NI_NUMERICSERV
            ) == 0 {
                found.insert(Self.string(text) + " " + Self.string(service))
            }
            entry = info.ai_next
        }
        return found
    }

    /// A NUL-terminated C string as Swift text.
    private static func string(_ characters: [CChar]) -> String {
        String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
