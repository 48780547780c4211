import CurlClient

/// Maps a `Location` the upstream sent onto the gateway, as a reverse proxy's clients need it (nginx's
/// `proxy_redirect default` does the same): a link to the upstream itself, whether relative or absolute on the
/// upstream's origin, loses the upstream's origin and base path, and its path is translated into the client's
/// version. A link elsewhere (another host, or outside the upstream's base path) is left as it is.
struct LocationMapping: Sendable {
    /// `scheme://host[:port]`, lowercased, with and without the scheme's default port: what an absolute link to
    /// the upstream starts with.
    private let origins: [String]
    private let basePath: String

    init(upstream: UpstreamURL) {
        let origin = upstream.origin.lowercased()
        let defaultPort = origin.hasPrefix("https://") ? ":443" : ":80"
        self.origins = [
            origin, origin.hasSuffix(defaultPort) ? String(origin.dropLast(defaultPort.count)) : origin + defaultPort,
        ]
        self.basePath = upstream.basePath
    }

    /// The link as the client gets it, or nil to leave it untouched. `translatePath` gets the path alone, in the
    /// upstream's version and without the base path; query and fragment are kept.
    func clientLocation(_ location: String, translatePath: (String) -> String) -> String? {
        let reference: Substring
        if location.hasPrefix("/"), !location.hasPrefix("//") {
            reference = location[...]
        } else if let rest = self.origins.lazy.compactMap({ Self.remainder(of: location, after: $0) }).first {
            reference = rest
        } else {
            return nil
        }
        let suffixStart = reference.firstIndex { $0 == "?" || $0 == "#" } ?? reference.endIndex
        guard let path = self.gatewayPath(reference[..<suffixStart]) else { return nil }
        return translatePath(path) + reference[suffixStart...]
    }

    /// What follows `origin` in `location` when the link is on that origin (compared without regard to case).
    private static func remainder(of location: String, after origin: String) -> Substring? {
        guard location.utf8.count >= origin.utf8.count, location.prefix(origin.count).lowercased() == origin else {
            return nil
        }
        let rest = location.dropFirst(origin.count)
        return rest.isEmpty || rest.first == "/" || rest.first == "?" || rest.first == "#" ? rest : nil
    }

    /// `path` without the upstream's base path; nil when it lies outside it.
    private func gatewayPath(_ path: Substring) -> String? {
        guard !self.basePath.isEmpty else { return path.isEmpty ? "/" : String(path) }
        guard path.hasPrefix(self.basePath) else { return nil }
        let rest = path.dropFirst(self.basePath.count)
        if rest.isEmpty { return "/" }
        return rest.first == "/" ? String(rest) : nil
    }
}
