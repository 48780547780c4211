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

    /// Applies a field verb to resources (an object, or an array of them, nested arrays included) of a document
    /// whose text is `text`.
    /// - Returns: whether anything changed (a field was found to rename, a value to map, …).
    @discardableResult
    func applyToResources(_ resources: inout JSONNode, text: inout JSONText, _ direction: ChangeDirection) -> Bool {
        var altered = false
        switch self {
        case .renameField(let older, let newer):
            let (source, target) = direction == .forward ? (older, newer) : (newer, older)
            if source.parent == target.parent {
                resources.withParents(of: source, text: &text) { members, name, text in
                    if members.rename(name, to: target.name, text: &text) { altered = true }
                }
            } else {
                Self.eachObject(&resources) { object in
                    if let value = object.removeValuePruningEmptyParent(at: source, text: text) {
                        object.setValue(value, at: target, text: &text)
                        altered = true
                    }
                }
            }
        case .wrapFields(let into, let wrapped):
            resources.withParents(of: into, text: &text) { members, name, text in
                let changed =
                    direction == .forward
                    ? Self.wrap(&members, into: name, wrapped, text: &text)
                    : Self.unwrap(&members, from: name, wrapped, text: &text)
                if changed { altered = true }
            }
        case .mapValues(let field, let forward, let backward):
            let mappings = direction == .forward ? forward : backward
            resources.updateValues(at: field, text: &text) { value, text in
                guard case .scalar(let span) = value,
                    let mapping = mappings.first(where: { text.span(span, holds: $0.from) })
                else { return value }
                altered = true
                return text.appendScalar(mapping.to)
            }
        case .convertFormat(let field, let older, let newer):
            let (from, to) = direction == .forward ? (older, newer) : (newer, older)
            resources.updateValues(at: field, text: &text) { value, text in
                guard let converted = Self.convert(value, from: from, to: to, text: &text) else { return value }
                altered = true
                return converted
            }
        case .addField(let field, let defaultValue):
            altered =
                direction == .forward
                ? Self.fill(&resources, field, defaultValue, text: &text) : Self.remove(&resources, field, text: &text)
        case .removeField(let field, let defaultValue):
            altered =
                direction == .forward
                ? Self.remove(&resources, field, text: &text) : Self.fill(&resources, field, defaultValue, text: &text)
        case .renamePath, .renameQueryParameter, .renameHeader, .reshapeList:
            break
        }
        return altered
    }

    /// Applies `reshape-list` to a whole list body; other verbs leave it alone.
    /// - Returns: whether the body was a list in the envelope it reshapes.
    @discardableResult
    func applyToEnvelope(_ body: inout JSONNode, text: inout JSONText, _ direction: ChangeDirection) -> Bool {
        guard case .reshapeList(let older, let newer) = self else { return false }
        let (from, to) = direction == .forward ? (older, newer) : (newer, older)
        guard case .object = body, case .array? = body.value(at: from.items, in: text) else { return false }
        var rest = body
        body = .hole
        let items = rest.removeValue(at: from.items, text: text)!
        let total = rest.removeValuePruningEmptyParent(at: from.total, text: text)
        var reshaped = JSONNode.object([])
        reshaped.setValue(items, at: to.items, text: &text)
        if let total { reshaped.setValue(total, at: to.total, text: &text) }
        if case .object(let remaining) = rest {
            for member in remaining { reshaped.setMember(member, text: text) }
        }
        body = reshaped
        return true
    }

    /// Applies `rename-path` to a path (without query); other verbs leave it alone.
    func applyToPath(_ path: String, _ direction: ChangeDirection) -> String {
        guard case .renamePath(let older, let newer) = self else { return path }
        let (from, to) = direction == .forward ? (older, newer) : (newer, older)
        // Most paths are not concerned: tell by their first segment before splitting them.
        if case .literal(let first)? = from.segments.first, !path.utf8.dropFirst().starts(with: first.utf8) {
            return path
        }
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

    private static func eachObject(_ value: inout JSONNode, _ body: (inout JSONNode) -> Void) {
        switch value {
        case .array(var elements):
            value = .hole
            for index in elements.indices { self.eachObject(&elements[index], body) }
            value = .array(elements)
        case .object:
            body(&value)
        case .scalar:
            return
        }
    }

    private static func wrap(
        _ members: inout [JSONNode.Member],
        into name: MemberName,
        _ wrapped: [WrappedMember],
        text: inout JSONText
    ) -> Bool {
        var position: Int?
        var inner: [JSONNode.Member] = []
        for member in wrapped {
            guard let index = members.index(of: member.olderName, in: text) else { continue }
            position = min(position ?? index, index)
            inner.append(JSONNode.Member(name: text.name(member.memberName), value: members[index].value))
        }
        guard let position else { return false }
        members.removeAll { member in wrapped.contains { text.span(member.name, isName: $0.olderName) } }
        members.insert(.object(inner), named: name, at: position, text: &text)
        return true
    }

    private static func unwrap(
        _ members: inout [JSONNode.Member],
        from name: MemberName,
        _ wrapped: [WrappedMember],
        text: inout JSONText
    ) -> Bool {
        guard let index = members.index(of: name, in: text), case .object(let inner) = members[index].value else {
            return false
        }
        members.remove(at: index)
        var position = index
        for member in wrapped {
            guard let source = inner.index(of: member.memberName, in: text) else { continue }
            members.insert(inner[source].value, named: member.olderName, at: position, text: &text)
            position += 1
        }
        return true
    }

    private static func fill(
        _ resources: inout JSONNode,
        _ field: FieldPath,
        _ value: JSONValue,
        text: inout JSONText
    ) -> Bool {
        var filled = false
        resources.withParents(of: field, text: &text) { members, name, text in
            guard members.index(of: name, in: text) == nil else { return }
            members.append(JSONNode.Member(name: text.name(name), value: text.appendScalar(value)))
            filled = true
        }
        return filled
    }

    private static func remove(_ resources: inout JSONNode, _ field: FieldPath, text: inout JSONText) -> Bool {
        var removed = false
        resources.withParents(of: field, text: &text) { members, name, text in
            if let index = members.index(of: name, in: text) {
                members.remove(at: index)
                removed = true
            }
        }
        return removed
    }

    private static func convert(
        _ value: JSONNode,
        from: ValueFormat,
        to: ValueFormat,
        text: inout JSONText
    ) -> JSONNode? {
        guard from != to, case .scalar(let span) = value else { return nil }
        switch (from, to) {
        case (.unixSeconds, .rfc3339):
            // A time RFC 3339 cannot write (or whose calendar arithmetic would overflow) is left as it is.
            guard let seconds = text.withBytes(of: span, { Int64(String(decoding: $0, as: UTF8.self)) }),
                Instant.rfc3339Range.contains(seconds)
            else { return nil }
            return text.appendScalar(.string(Instant(secondsSinceEpoch: seconds).rfc3339))
        case (.rfc3339, .unixSeconds):
            let instant = text.withBytes(of: span) { scalar -> Instant? in
                guard scalar.count > 2, scalar[0] == UInt8(ascii: "\"") else { return nil }
                let utf8 = scalar.assumingMemoryBound(to: UInt8.self)
                return Instant(rfc3339UTF8: UnsafeBufferPointer(rebasing: utf8[1..<(utf8.count - 1)]))
            }
            return instant.map { text.appendScalar(.number(String($0.secondsSinceEpoch))) }
        default:
            return nil
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

    /// Whether the template matches all of `segments`.
    func matches(_ segments: [String]) -> Bool {
        guard segments.count == self.segments.count else { return false }
        for (template, segment) in zip(self.segments, segments) {
            switch template {
            case .literal(let text): guard text == segment else { return false }
            case .placeholder: guard !segment.isEmpty else { return false }
            }
        }
        return true
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

    /// Whether a request with `method` to the path of `segments` (in the declaring version's terms) is concerned.
    func contains(method: String, segments: [String]) -> Bool {
        guard self.allows(method: method) else { return false }
        guard !self.endpoints.isEmpty else { return true }
        return self.endpoints.contains { $0.matches(segments) }
    }
}
