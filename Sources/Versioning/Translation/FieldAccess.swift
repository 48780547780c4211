/// Reading and writing fields of the resources in a ``JSONDocument`` by dotted path. Where a path meets an array,
/// it applies to each element, so one change reaches items of nested lists too.
///
/// Every mutation first lifts the container it changes out of its node (leaving a ``hole``), so that the storage is
/// uniquely referenced and copy-on-write copies nothing.
extension JSONNode {
    /// Calls `body` with each object of `value`: the value itself, or the objects of an array, nested arrays
    /// included.
    static func eachObject(_ value: inout JSONNode, _ body: (inout JSONNode) -> Void) {
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

    /// What a node holds while its container is lifted out to be changed.
    static let hole = JSONNode.scalar(JSONSpan(start: 0, end: 0))

    /// Calls `body` with each object that contains the last part of `path` (the parent of the field) and the
    /// field's name.
    mutating func withParents(
        of path: FieldPath,
        text: inout JSONText,
        _ body: (inout [Member], MemberName, inout JSONText) -> Void
    ) {
        self.visit(path.names[...], text: &text, body)
    }

    /// Calls `body` with each object that contains the last part of `path` and the field's name, as
    /// ``withParents(of:text:_:)`` does; `body` says whether it altered that object.
    /// - Returns: whether any call altered its object.
    mutating func alterParents(
        of path: FieldPath,
        text: inout JSONText,
        _ body: (inout [Member], MemberName, inout JSONText) -> Bool
    ) -> Bool {
        var altered = false
        self.withParents(of: path, text: &text) { members, name, text in
            if body(&members, name, &text) { altered = true }
        }
        return altered
    }

    private mutating func visit(
        _ parts: ArraySlice<MemberName>,
        text: inout JSONText,
        _ body: (inout [Member], MemberName, inout JSONText) -> Void
    ) {
        switch self {
        case .array(var elements):
            self = .hole
            for index in elements.indices { elements[index].visit(parts, text: &text, body) }
            self = .array(elements)
        case .object(var members):
            guard let first = parts.first else { return }
            self = .hole
            if parts.count == 1 {
                body(&members, first, &text)
            } else if let index = members.index(of: first, in: text) {
                members[index].value.visit(parts.dropFirst(), text: &text, body)
            }
            self = .object(members)
        case .scalar:
            return
        }
    }

    /// Replaces each value at `path` with `transform(value)`.
    mutating func updateValues(
        at path: FieldPath,
        text: inout JSONText,
        _ transform: (JSONNode, inout JSONText) -> JSONNode
    ) {
        self.withParents(of: path, text: &text) { members, name, text in
            if let index = members.index(of: name, in: text) {
                members[index].value = transform(members[index].value, &text)
            }
        }
    }

    /// The value at `path` within a single object (no fan-out), for envelopes.
    func value(at path: FieldPath, in text: JSONText) -> JSONNode? {
        var current = self
        for part in path.names {
            guard case .object(let members) = current, let index = members.index(of: part, in: text) else { return nil }
            current = members[index].value
        }
        return current
    }

    /// Sets the value at `path` within a single object, creating intermediate objects.
    mutating func setValue(_ value: JSONNode, at path: FieldPath, text: inout JSONText) {
        self.setValue(value, at: path.names[...], text: &text)
    }

    private mutating func setValue(_ value: JSONNode, at parts: ArraySlice<MemberName>, text: inout JSONText) {
        guard case .object(var members) = self, let first = parts.first else { return }
        self = .hole
        if let index = members.index(of: first, in: text) {
            if parts.count == 1 {
                members[index].value = value
            } else {
                members[index].value.setValue(value, at: parts.dropFirst(), text: &text)
            }
        } else {
            var child = value
            if parts.count > 1 {
                child = .object([])
                child.setValue(value, at: parts.dropFirst(), text: &text)
            }
            members.append(Member(name: text.name(first), value: child))
        }
        self = .object(members)
    }

    /// Sets a member of this object, replacing the value of one of the same name where it stands.
    mutating func setMember(_ member: Member, text: JSONText) {
        guard case .object(var members) = self else { return }
        self = .hole
        if let index = members.firstIndex(where: { text.span($0.name, equals: member.name) }) {
            members[index].value = member.value
        } else {
            members.append(member)
        }
        self = .object(members)
    }

    /// Removes and returns the value at `path`, and its parent object too if that is left empty (a field moved out
    /// of `meta` must not leave `"meta": {}` behind).
    mutating func removeValuePruningEmptyParent(at path: FieldPath, text: JSONText) -> JSONNode? {
        let removed = self.removeValue(at: path.names[...], text: text)
        if let parent = path.parent, case .object(let container)? = self.value(at: parent, in: text), container.isEmpty
        {
            _ = self.removeValue(at: parent.names[...], text: text)
        }
        return removed
    }

    /// Removes and returns the value at `path` within a single object.
    mutating func removeValue(at path: FieldPath, text: JSONText) -> JSONNode? {
        self.removeValue(at: path.names[...], text: text)
    }

    private mutating func removeValue(at parts: ArraySlice<MemberName>, text: JSONText) -> JSONNode? {
        guard case .object(var members) = self, let first = parts.first, let index = members.index(of: first, in: text)
        else { return nil }
        self = .hole
        let removed: JSONNode?
        if parts.count == 1 {
            removed = members.remove(at: index).value
        } else {
            removed = members[index].value.removeValue(at: parts.dropFirst(), text: text)
        }
        self = .object(members)
        return removed
    }
}

extension [JSONNode.Member] {
    /// The position of the member named `name`.
    func index(of name: MemberName, in text: JSONText) -> Int? {
        self.firstIndex { text.span($0.name, isName: name) }
    }

    /// Puts `value` at `index` (clamped to the end) under `name`, replacing any member of that name.
    mutating func insert(_ value: JSONNode, named name: MemberName, at index: Int, text: inout JSONText) {
        if let existing = self.index(of: name, in: text) { self.remove(at: existing) }
        self.insert(JSONNode.Member(name: text.name(name), value: value), at: Swift.min(index, self.count))
    }

    /// Renames a member where it stands, replacing any member already named `new`.
    /// - Returns: whether a member named `old` was there to rename.
    @discardableResult
    mutating func rename(_ old: MemberName, to new: MemberName, text: inout JSONText) -> Bool {
        var oldIndex: Int?
        var newIndex: Int?
        for (index, member) in self.enumerated() {
            if text.span(member.name, isName: old) {
                oldIndex = index
            } else if text.span(member.name, isName: new) {
                newIndex = index
            }
        }
        guard let oldIndex, old != new else { return false }
        self[oldIndex].name = text.name(new)
        if let newIndex { self.remove(at: newIndex) }
        return true
    }
}

extension FieldPath {
    /// The path without its last part; nil for a single name.
    var parent: FieldPath? { self.names.count > 1 ? FieldPath(names: Array(self.names.dropLast())) : nil }

    var name: MemberName { self.names[self.names.count - 1] }
}
