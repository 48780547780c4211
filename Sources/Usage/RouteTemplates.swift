import Versioning

/// Names a request path the way the ledger keys it: by the manifests' endpoint template it matches
/// (`/purchase-orders/po_1` → `/purchase-orders/{id}`), else by its first segment (`/reports/daily` → `/reports/…`).
/// Raw paths never become keys: their cardinality is the client's to choose.
///
/// The templates are every endpoint a manifest names: change scopes and both sides of path renames. Pure and
/// `Sendable`; matching allocates nothing for a path written plainly.
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

    /// The route of `target` (a request target; its query, if any, is ignored). The path is read as scopes read it
    /// (``RequestPath``), so that `/purchase-orders/`, `//purchase-orders` and `/%70urchase-orders` are
    /// `/purchase-orders`, as an upstream that normalizes paths serves them.
    public func route(of target: Substring) -> String {
        let path = RequestPath(target[..<(target.utf8.firstIndex(of: UInt8(ascii: "?")) ?? target.endIndex)])
        let first = path.firstSegment
        for candidate in self.byFirstSegment[first ?? ""] ?? [] where path.matches(candidate.template) {
            return candidate.route
        }
        for candidate in self.anyFirst where path.matches(candidate.template) { return candidate.route }
        guard let first else { return "/" }
        guard first.utf8.count <= Self.longestSegment, first.utf8.allSatisfy(URIOctet.isUnreserved) else {
            return Self.unnamed
        }
        return path.hasSegmentsAfterFirst ? "/\(first)/…" : "/\(first)"
    }
}
