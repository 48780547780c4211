/// Which way a change is read: forward turns the older version's shape into the newer one's, backward the reverse.
public enum ChangeDirection: Sendable, Equatable {
    case forward
    case backward

    var flipped: ChangeDirection { self == .forward ? .backward : .forward }
}

extension ChangeVerb {
    /// Whether the verb rewrites bodies (as opposed to paths or query strings).
    var touchesBody: Bool {
        switch self {
        case .renamePath, .renameQueryParameter, .renameHeader: false
        default: true
        }
    }

    /// Applies `reshape-list` to a whole list body; other verbs leave it alone.
    /// - Returns: whether the body was a list in the envelope it reshapes.
    @discardableResult
    func applyToEnvelope(_ document: inout JSONDocument, _ direction: ChangeDirection) -> Bool {
        guard case .reshapeList(let older, let newer) = self else { return false }
        let (from, to) = direction == .forward ? (older, newer) : (newer, older)
        guard case .object = document.root, case .array? = document.value(at: from.items, from: .root) else {
            return false
        }
        let items = document.removeValue(at: from.items, fromObjectAt: .root)!
        let total = document.removeValuePruningEmptyParent(at: from.total, fromObjectAt: .root)
        let rest = document.root
        document.root = .object(JSONRange(start: UInt32(document.members.count), count: 0))
        document.setValue(items, at: to.items, inObjectAt: .root)
        if let total { document.setValue(total, at: to.total, inObjectAt: .root) }
        if case .object(let remaining) = rest {
            for index in remaining.indices { document.setMember(document.members[index], inObjectAt: .root) }
        }
        return true
    }

    /// Applies `rename-path` to a path (without query); other verbs leave it alone. A path not written plainly
    /// (`//vendors/x`, `/%76endors/x`, `/./vendors/x`) is matched as an upstream that normalizes paths reads it, as
    /// scopes are (``RequestPath``), and once renamed goes on in that normalized form; one the rename does not
    /// concern goes on as written.
    func applyToPath(_ path: String, _ direction: ChangeDirection) -> String {
        guard case .renamePath(let older, let newer) = self else { return path }
        let (from, to) = direction == .forward ? (older, newer) : (newer, older)
        var segments: [String]
        if RequestPath.isPlain(path[...]) {
            // Most paths are not concerned: tell by their first segment before splitting them.
            if case .literal(let first)? = from.segments.first, !path.utf8.dropFirst().starts(with: first.utf8) {
                return path
            }
            segments = PathTemplate.segments(of: path)
        } else {
            segments = RequestPath.normalizedSegments(of: path[...]).map(String.init)
            // The normalized path keeps the directory a trailing `/`, `.` or `..` names (RFC 3986 §5.2.4).
            if !segments.isEmpty, RequestPath.endsInDirectory(path[...]) { segments.append("") }
        }
        guard let bindings = from.matchPrefix(segments) else { return path }
        segments.removeFirst(from.segments.count)
        let rewritten = to.segments.map { segment -> String in
            switch segment {
            case .literal(let text): text
            case .placeholder(let name): bindings[name] ?? "{\(name)}"
            }
        }
        return "/" + (rewritten + segments).joined(separator: "/")
    }

    /// The header rename this verb makes in `direction`, if it renames a header.
    func headerRename(_ direction: ChangeDirection) -> HeaderRename? {
        guard case .renameHeader(let older, let newer) = self else { return nil }
        return direction == .forward ? HeaderRename(from: older, to: newer) : HeaderRename(from: newer, to: older)
    }

    /// Applies `rename-query-parameter` to a query string (without `?`); other verbs leave it alone.
    func applyToQuery(_ query: String, _ direction: ChangeDirection) -> String {
        guard case .renameQueryParameter(let older, let newer) = self else { return query }
        let (from, to) = direction == .forward ? (older, newer) : (newer, older)
        return query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
            return name == from ? to + pair.dropFirst(name.count) : String(pair)
        }.joined(separator: "&")
    }
}

extension PathTemplate {
    /// The placeholder values if the template matches the start of `segments`.
    func matchPrefix(_ segments: [String]) -> [String: String]? {
        guard segments.count >= self.segments.count else { return nil }
        var bindings: [String: String] = [:]
        for (template, segment) in zip(self.segments, segments) {
            switch template {
            // Byte for byte, as scopes compare (``RequestPath/matches(_:)``).
            case .literal(let text): guard text.utf8.elementsEqual(segment.utf8) else { return nil }
            case .placeholder(let name):
                guard !segment.isEmpty else { return nil }
                bindings[name] = segment
            }
        }
        return bindings
    }

    /// The segments of a path (`/a/b` → `["a", "b"]`, `/` → `[]`).
    static func segments(of path: String) -> [String] {
        guard path != "/" else { return [] }
        return path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst().map {
            String(Substring($0))
        }
    }
}

extension ChangeScope {
    /// Whether the change concerns requests with `method`.
    func allows(method: String) -> Bool {
        self.methods.isEmpty || self.methods.contains(method)
    }

    /// Whether a request with `method` to `path` (in the declaring version's terms) is concerned.
    func contains(method: String, path: RequestPath) -> Bool {
        guard self.allows(method: method) else { return false }
        // A loop rather than `contains(where: path.matches)`: that closure would copy the path for every endpoint.
        for endpoint in self.endpoints where path.matches(endpoint) { return true }
        return self.endpoints.isEmpty
    }
}
