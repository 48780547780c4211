import Versioning

/// The endpoints the manifests name, for telling which recorded requests a check can place: every change's scope
/// endpoints match a path exactly, and both sides of each path rename match it as a prefix (`/vendors` places
/// `/vendors/v_1`). Templates of every version are known at once: a request a version does not serve is its
/// problem, not the check's.
struct KnownEndpoints: Sendable {
    private let exact: [PathTemplate]
    private let prefixes: [PathTemplate]

    init(catalog: VersionCatalog) {
        var exact: Set<PathTemplate> = []
        var prefixes: Set<PathTemplate> = []
        for change in catalog.manifests.flatMap(\.changes) {
            exact.formUnion(change.scope.endpoints)
            if case .renamePath(let older, let newer) = change.verb { prefixes.formUnion([older, newer]) }
        }
        self.exact = exact.sorted { $0.description < $1.description }
        self.prefixes = prefixes.sorted { $0.description < $1.description }
    }

    /// Whether a manifest names the endpoint of `target` (a request target; its query is ignored).
    func contains(target: String) -> Bool {
        let segments = Self.segments(of: target)
        return self.exact.contains { Self.template($0, matches: segments, wholly: true) }
            || self.prefixes.contains { Self.template($0, matches: segments, wholly: false) }
    }

    /// The leading segments of `target` (`/api`) whose removal would leave a path a manifest names, when there are
    /// any: a base path the recording was made under.
    func hiddenPrefix(of target: String) -> String? {
        let segments = Self.segments(of: target)
        for count in 1..<max(segments.count, 1) {
            let rest = "/" + segments[count...].joined(separator: "/")
            if self.contains(target: rest) { return "/" + segments[..<count].joined(separator: "/") }
        }
        return nil
    }

    /// The path of a target without its query, as the check lists unplaced requests.
    static func path(of target: String) -> Substring {
        target.prefix { $0 != "?" }
    }

    private static func segments(of target: String) -> [Substring] {
        let path = Self.path(of: target).dropFirst()
        return path.isEmpty ? [] : path.split(separator: "/", omittingEmptySubsequences: false)
    }

    private static func template(_ template: PathTemplate, matches segments: [Substring], wholly: Bool) -> Bool {
        guard wholly ? segments.count == template.segments.count : segments.count >= template.segments.count else {
            return false
        }
        return zip(template.segments, segments).allSatisfy { expected, segment in
            switch expected {
            case .literal(let text): segment == text
            case .placeholder: !segment.isEmpty
            }
        }
    }
}
