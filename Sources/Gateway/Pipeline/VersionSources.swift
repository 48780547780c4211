import Versioning

/// Where a request may name its version besides the version header, which is always read.
///
/// Every source a request uses must name the same version; two that differ are a `400` `ambiguous-version`
/// problem, never a silent choice. Values are checked in the order path prefix, query parameter, header, so a
/// malformed or unknown value is reported for the first source that carries it.
public struct VersionSources: Sendable, Equatable {
    /// A query parameter that names the version (`api-version`, as Azure's APIs use); nil not to read one.
    /// The gateway removes it before the request goes upstream, which gets the version in the header.
    public var queryParameter: String?
    /// Whether a first path segment that is a version name (`/v1/orders`, `/2024-06-20/orders`) names the version.
    public var pathPrefix: Bool
    /// Whether the upstream gets every path under its own version's prefix (`/v2/orders`, whether the client named
    /// its version in the path or elsewhere), for an upstream that routes on the prefix, instead of the path
    /// without it.
    public var keepsPathPrefix: Bool

    public init(queryParameter: String? = nil, pathPrefix: Bool = false, keepsPathPrefix: Bool = false) {
        self.queryParameter = queryParameter
        self.pathPrefix = pathPrefix
        self.keepsPathPrefix = keepsPathPrefix
    }

    /// Only the header: what a gateway reads unless told otherwise.
    public static let headerOnly = VersionSources()
}

/// How links back to a client name their version: the way the client named it, so that following a link keeps it.
public enum VersionLinkScheme: Sendable, Equatable {
    /// In the header, which a link cannot carry: links name no version.
    case header
    /// As the first path segment: `/v1/vendors/sup_1`.
    case pathPrefix
    /// As this query parameter: `/vendors/sup_1?api-version=v1`.
    case queryParameter(String)

    /// `reference` (`/path?query#fragment`, the path in `version`'s terms) naming `version` this way.
    func link(_ reference: String, in version: VersionName) -> String {
        switch self {
        case .header:
            return reference
        case .pathPrefix:
            let pathEnd = reference.firstIndex { $0 == "?" || $0 == "#" } ?? reference.endIndex
            let path = reference[..<pathEnd]
            return "/\(version)" + (path == "/" ? "" : path) + reference[pathEnd...]
        case .queryParameter(let name):
            let fragmentStart = reference.firstIndex(of: "#") ?? reference.endIndex
            let separator = reference[..<fragmentStart].contains("?") ? "&" : "?"
            return reference[..<fragmentStart] + separator + "\(name)=\(version)" + reference[fragmentStart...]
        }
    }
}

/// The versions one request names, each with where it named it, and its target without the parts that named them.
///
/// Pure: a function of the request target, the header's value and ``VersionSources``. With only the header
/// configured it reads nothing else and allocates nothing, so versioning by header alone pays nothing for the rest.
struct VersionClaims: Equatable {
    /// Where a request named a version, as problem details word it.
    enum Source: Equatable, CustomStringConvertible {
        case pathPrefix
        case queryParameter(String)
        case header(String)

        /// The same place, as the `API-Version-Source` response field names it.
        var servedFrom: RequestPipeline.Exchange.VersionSource {
            switch self {
            case .pathPrefix: .path
            case .queryParameter: .query
            case .header: .header
            }
        }

        var description: String {
            switch self {
            case .pathPrefix: "the path"
            case .queryParameter(let name): "the \(name) query parameter"
            case .header(let name): "the \(name) header"
            }
        }
    }

    struct Claim: Equatable {
        var source: Source
        var value: Substring
    }

    /// In checking order: the path prefix, then each occurrence of the query parameter.
    var fromTarget: [Claim] = []
    /// The version header's value, checked last.
    var header: Claim?
    /// A second field of the version header whose value differs from the first's; two versions in two fields are
    /// as ambiguous as two in two places.
    var otherHeader: Claim?
    /// The target without the version's path prefix or query parameter; nil when it named no version there.
    var strippedTarget: String?
    /// Whether the version came as a path prefix, so links back to the client carry one too.
    var usedPathPrefix = false

    /// How links back to the client name their version: the path prefix if it used one, else the query parameter
    /// if it used that, else not at all.
    var linkScheme: VersionLinkScheme {
        if self.usedPathPrefix { return .pathPrefix }
        for claim in self.fromTarget {
            if case .queryParameter(let name) = claim.source { return .queryParameter(name) }
        }
        return .header
    }

    /// - Parameters:
    ///   - isVersionName: whether a path segment is shaped like a version name (whether or not it exists).
    ///   - header: the version header's name as configured and in lowercase.
    init(
        target: String,
        fields: [HTTPField],
        header: (name: String, canonicalName: String),
        sources: VersionSources,
        isVersionName: (Substring) -> Bool
    ) {
        for field in fields where field.canonicalName == header.canonicalName {
            let claim = Claim(source: .header(header.name), value: field.value.trimmingSpacesAndTabs())
            if let first = self.header {
                if first.value != claim.value {
                    self.otherHeader = claim
                    break
                }
            } else {
                self.header = claim
            }
        }
        guard sources.pathPrefix || sources.queryParameter != nil else { return }
        var path = target[...]
        var query: Substring? = nil
        if let mark = target.firstIndex(of: "?") {
            path = target[..<mark]
            query = target[target.index(after: mark)...]
        }
        if sources.pathPrefix, path.hasPrefix("/") {
            let segment = path.dropFirst().prefix { $0 != "/" }
            if isVersionName(segment) {
                self.fromTarget.append(Claim(source: .pathPrefix, value: segment))
                self.usedPathPrefix = true
                path = path[segment.endIndex...]
            }
        }
        if let name = sources.queryParameter, let parameters = query {
            var kept: [Substring] = []
            for parameter in parameters.split(separator: "&", omittingEmptySubsequences: false) {
                let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                if Self.percentDecoded(parts[0]) == name {
                    let value = parts.count > 1 ? Self.percentDecoded(parts[1]) : ""
                    self.fromTarget.append(Claim(source: .queryParameter(name), value: value))
                } else {
                    kept.append(parameter)
                }
            }
            query = kept.isEmpty ? nil : kept.joined(separator: "&")[...]
        }
        if !self.fromTarget.isEmpty {
            let bare = path.isEmpty ? "/" : String(path)
            self.strippedTarget = query.map { bare + "?" + $0 } ?? bare
        }
    }

    /// Calls `body` with each claim in checking order: path prefix, query parameters, header fields.
    func inCheckingOrder(_ body: (Claim) -> Void) {
        for claim in self.fromTarget { body(claim) }
        if let header = self.header { body(header) }
        if let otherHeader = self.otherHeader { body(otherHeader) }
    }

    /// `text` with its percent-encoded octets decoded (RFC 3986 §2.1), so that `api%2Dversion=v%31` names what
    /// `api-version=v1` does; unchanged when it holds no `%` or a malformed escape.
    static func percentDecoded(_ text: Substring) -> Substring {
        guard text.utf8.contains(UInt8(ascii: "%")), let octets = text.percentDecodedOctets else { return text }
        return String(decoding: octets, as: UTF8.self)[...]
    }
}
