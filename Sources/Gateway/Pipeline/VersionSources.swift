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
    /// Whether the upstream gets the prefix too (renamed to the version the upstream speaks), instead of the path
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
    /// The target without the version's path prefix or query parameter; nil when it named no version there.
    var strippedTarget: String?
    /// Whether the version came as a path prefix, so links back to the client carry one too.
    var usedPathPrefix = false

    /// - Parameters:
    ///   - isVersionName: whether a path segment is shaped like a version name (whether or not it exists).
    init(
        target: String,
        header: (name: String, value: String?),
        sources: VersionSources,
        isVersionName: (Substring) -> Bool
    ) {
        self.header = header.value.map { Claim(source: .header(header.name), value: $0[...]) }
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
                if parts[0] == name {
                    self.fromTarget.append(Claim(source: .queryParameter(name), value: parts.count > 1 ? parts[1] : ""))
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

    /// Calls `body` with each claim in checking order: path prefix, query parameters, header.
    func inCheckingOrder(_ body: (Claim) -> Void) {
        for claim in self.fromTarget { body(claim) }
        if let header = self.header { body(header) }
    }
}
