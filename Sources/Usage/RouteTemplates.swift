import Versioning

/// Names a request path the way the ledger keys it: by the manifests' endpoint template it matches
/// (`/purchase-orders/po_1` → `/purchase-orders/{id}`), else by its first segment (`/reports/daily` → `/reports/…`).
/// Raw paths never become keys: their cardinality is the client's to choose.
///
/// The templates are every endpoint a manifest names: change scopes and both sides of path renames. Pure and
/// `Sendable`; matching allocates nothing for a path a template matches.
public struct RouteTemplates: Sendable {
    private struct Candidate: Sendable {
        let template: PathTemplate
        let route: String
    }

    /// Templates by their first literal segment; those that start with a placeholder are in ``anyFirst``.
    private let byFirstSegment: [Substring: [Candidate]]
    private let anyFirst: [Candidate]

    /// The route of a path whose first segment is not a plain name (percent-escapes, odd bytes) or too long.
    public static let unnamed = "/…"
    /// Longest first segment recorded as its own route.
    static let longestSegment = 64

    public init(catalog: VersionCatalog) {
        var templates: [PathTemplate] = []
        for change in catalog.manifests.flatMap(\.changes) {
            templates += change.scope.endpoints
            if case .renamePath(let older, let newer) = change.verb { templates += [older, newer] }
        }
        self.init(templates: templates)
    }

    public init(templates: [PathTemplate]) {
        var byFirstSegment: [Substring: [Candidate]] = [:]
        var anyFirst: [Candidate] = []
        var seen: Set<PathTemplate> = []
        for template in templates where seen.insert(template).inserted {
            let candidate = Candidate(template: template, route: template.description)
            switch template.segments.first {
            case .literal(let name)?: byFirstSegment[Substring(name), default: []].append(candidate)
            case .placeholder?: anyFirst.append(candidate)
            case nil: byFirstSegment["", default: []].append(candidate)
            }
        }
        self.byFirstSegment = byFirstSegment
        self.anyFirst = anyFirst
    }

    /// The route of `target` (a request target; its query, if any, is ignored).
    public func route(of target: Substring) -> String {
        let path = target[..<(target.utf8.firstIndex(of: UInt8(ascii: "?")) ?? target.endIndex)]
        let segments = PathSegments(path)
        let first = segments.first
        for candidate in self.byFirstSegment[first ?? ""] ?? [] where segments.match(candidate.template) {
            return candidate.route
        }
        for candidate in self.anyFirst where segments.match(candidate.template) { return candidate.route }
        guard let first else { return "/" }
        guard first.utf8.count <= Self.longestSegment, first.utf8.allSatisfy(URIOctet.isUnreserved) else {
            return Self.unnamed
        }
        return segments.hasMore(after: first) ? "/\(first)/…" : "/\(first)"
    }
}

/// The segments of an absolute path (`/a/b` → `a`, `b`; `/` → none), walked without splitting it into an array.
/// Walks the UTF-8 bytes: `/` is ASCII, so no character need be formed.
private struct PathSegments {
    let path: Substring

    init(_ path: Substring) {
        self.path = path.utf8.first == UInt8(ascii: "/") ? path.dropFirst() : path
    }

    var first: Substring? {
        self.path.isEmpty ? nil : Self.segment(at: self.path)
    }

    func hasMore(after first: Substring) -> Bool {
        first.endIndex < self.path.endIndex
    }

    /// Whether the path has exactly the template's segments, each literal equal and each placeholder non-empty.
    func match(_ template: PathTemplate) -> Bool {
        var rest = self.path
        var remaining = template.segments[...]
        if rest.isEmpty { return remaining.isEmpty }
        while true {
            let segment = Self.segment(at: rest)
            guard let expected = remaining.popFirst() else { return false }
            switch expected {
            case .literal(let text): guard segment.utf8.elementsEqual(text.utf8) else { return false }
            case .placeholder: guard !segment.isEmpty else { return false }
            }
            guard segment.endIndex < rest.endIndex else { return remaining.isEmpty }
            rest = rest[rest.utf8.index(after: segment.endIndex)...]
        }
    }

    /// The segment `path` starts with: up to its first `/`.
    private static func segment(at path: Substring) -> Substring {
        path[..<(path.utf8.firstIndex(of: UInt8(ascii: "/")) ?? path.endIndex)]
    }
}
