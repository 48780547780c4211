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

    /// Applies a field verb to resources (an object, or an array of them, nested arrays included).
    func applyToResources(_ resources: inout JSONValue, _ direction: ChangeDirection) {
        switch self {
        case .renameField(let older, let newer):
            let (source, target) = direction == .forward ? (older, newer) : (newer, older)
            if source.parent == target.parent {
                resources.withParents(of: source, create: false) { object, key in object.renameMember(key, to: target.name) }
            } else {
                Self.eachObject(&resources) { object in
                    if let value = object.removeValuePruningEmptyParent(at: source) { object.setValue(value, at: target) }
                }
            }
        case .wrapFields(let into, let members):
            resources.withParents(of: into, create: false) { object, name in
                direction == .forward ? Self.wrap(&object, into: name, members) : Self.unwrap(&object, from: name, members)
            }
        case .mapValues(let field, let forward, let backward):
            let mappings = direction == .forward ? forward : backward
            resources.updateValues(at: field) { value in mappings.first { $0.from == value }?.to ?? value }
        case .convertFormat(let field, let older, let newer):
            let (from, to) = direction == .forward ? (older, newer) : (newer, older)
            resources.updateValues(at: field) { value in Self.convert(value, from: from, to: to) ?? value }
        case .addField(let field, let defaultValue):
            direction == .forward ? Self.fill(&resources, field, defaultValue) : Self.remove(&resources, field)
        case .removeField(let field, let defaultValue):
            direction == .forward ? Self.remove(&resources, field) : Self.fill(&resources, field, defaultValue)
        case .renamePath, .renameQueryParameter, .renameHeader, .reshapeList:
            return
        }
    }

    /// Applies `reshape-list` to a whole list body; other verbs leave it alone.
    func applyToEnvelope(_ body: inout JSONValue, _ direction: ChangeDirection) {
        guard case .reshapeList(let older, let newer) = self else { return }
        let (from, to) = direction == .forward ? (older, newer) : (newer, older)
        guard case .object = body, case .array? = body.value(at: from.items) else { return }
        var rest = body
        let items = rest.removeValue(at: from.items)!
        let total = rest.removeValuePruningEmptyParent(at: from.total)
        var reshaped = JSONValue.object(JSONObject())
        reshaped.setValue(items, at: to.items)
        if let total { reshaped.setValue(total, at: to.total) }
        if case .object(let remaining) = rest {
            for member in remaining.members { reshaped.setValue(member.value, at: FieldPath(parts: [member.key])) }
        }
        body = reshaped
    }

    /// Applies `rename-path` to a path (without query); other verbs leave it alone.
    func applyToPath(_ path: String, _ direction: ChangeDirection) -> String {
        guard case .renamePath(let older, let newer) = self else { return path }
        let (from, to) = direction == .forward ? (older, newer) : (newer, older)
        var segments = PathTemplate.segments(of: path)
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

    private static func eachObject(_ value: inout JSONValue, _ body: (inout JSONValue) -> Void) {
        switch value {
        case .array(var elements):
            value = .null
            for index in elements.indices { self.eachObject(&elements[index], body) }
            value = .array(elements)
        case .object:
            body(&value)
        default:
            return
        }
    }

    private static func wrap(_ object: inout JSONObject, into name: String, _ members: [WrappedMember]) {
        let positions = members.compactMap { object.index(of: $0.olderField) }
        guard let position = positions.min() else { return }
        var wrapped = JSONObject()
        for member in members {
            if let value = object[member.olderField] { wrapped[member.member] = value }
        }
        for member in members { object[member.olderField] = nil }
        object.insert(.object(wrapped), forKey: name, at: position)
    }

    private static func unwrap(_ object: inout JSONObject, from name: String, _ members: [WrappedMember]) {
        guard case .object(let wrapped)? = object[name], var position = object.index(of: name) else { return }
        object[name] = nil
        for member in members {
            guard let value = wrapped[member.member] else { continue }
            object.insert(value, forKey: member.olderField, at: position)
            position += 1
        }
    }

    private static func fill(_ resources: inout JSONValue, _ field: FieldPath, _ value: JSONValue) {
        resources.withParents(of: field, create: false) { object, key in
            if object[key] == nil { object[key] = value }
        }
    }

    private static func remove(_ resources: inout JSONValue, _ field: FieldPath) {
        resources.withParents(of: field, create: false) { object, key in object[key] = nil }
    }

    private static func convert(_ value: JSONValue, from: ValueFormat, to: ValueFormat) -> JSONValue? {
        switch (from, to, value) {
        case (.unixSeconds, .rfc3339, .number(let text)):
            return Int64(text).map { .string(Instant(secondsSinceEpoch: $0).rfc3339) }
        case (.rfc3339, .unixSeconds, .string(let text)):
            return Instant(rfc3339: text).map { .number(String($0.secondsSinceEpoch)) }
        default:
            return from == to ? value : nil
        }
    }
}

extension PathTemplate {
    /// The placeholder values if the template matches the start of `segments`.
    func matchPrefix(_ segments: [String]) -> [String: String]? {
        guard segments.count >= self.segments.count else { return nil }
        var bindings: [String: String] = [:]
        for (template, segment) in zip(self.segments, segments) {
            switch template {
            case .literal(let text): guard text == segment else { return nil }
            case .placeholder(let name):
                guard !segment.isEmpty else { return nil }
                bindings[name] = segment
            }
        }
        return bindings
    }

    /// The segments of a path (`/a/b` → `["a", "b"]`, `/` → `[]`).
    static func segments(of path: String) -> [String] {
        path == "/" ? [] : path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
    }
}

extension ChangeScope {
    /// Whether the change concerns requests with `method`.
    func allows(method: String) -> Bool {
        self.methods.isEmpty || self.methods.contains(method)
    }

    /// Whether a request with `method` to the path of `segments` (in the declaring version's terms) is concerned.
    func contains(method: String, segments: [String]) -> Bool {
        guard self.allows(method: method) else { return false }
        guard !self.endpoints.isEmpty else { return true }
        return self.endpoints.contains { $0.segments.count == segments.count && $0.matchPrefix(segments) != nil }
    }
}
