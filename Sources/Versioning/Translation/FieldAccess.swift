/// Reading and writing fields of the resources in a ``JSONDocument`` by dotted path. Where a path meets an array,
/// it applies to each element, so one change reaches items of nested lists too.
///
/// Resources are found by their ``JSONSlot``; member positions are indices into the document's member store.
extension JSONDocument {
    /// Calls `body` with the slot of each object at `slot`: the value itself, or the objects of an array, nested
    /// arrays included.
    mutating func eachObject(at slot: JSONSlot, _ body: (inout JSONDocument, JSONSlot) -> Void) {
        switch self[slot] {
        case .array(let elements):
            for index in elements.indices { self.eachObject(at: .element(index), body) }
        case .object:
            body(&self, slot)
        case .scalar:
            return
        }
    }

    /// Calls `body` with each object under `slot` that contains the last part of `path` (the parent of the field),
    /// and the field's name; `body` says whether it altered that object.
    /// - Returns: whether any call altered its object.
    mutating func alterParents(
        of path: FieldPath,
        at slot: JSONSlot,
        _ body: (inout JSONDocument, JSONSlot, MemberName) -> Bool
    ) -> Bool {
        var altered = false
        self.visit(path.names, from: 0, at: slot) { document, object, name in
            if body(&document, object, name) { altered = true }
        }
        return altered
    }

    /// Walks `names` from `depth` (an index rather than a slice, whose copies count references at every level).
    private mutating func visit(
        _ names: [MemberName],
        from depth: Int,
        at slot: JSONSlot,
        _ body: (inout JSONDocument, JSONSlot, MemberName) -> Void
    ) {
        switch self[slot] {
        case .array(let elements):
            for index in elements.indices { self.visit(names, from: depth, at: .element(index), body) }
        case .object(let members):
            guard depth < names.count else { return }
            if depth == names.count - 1 {
                body(&self, slot, names[depth])
            } else if let index = self.index(of: names[depth], in: members) {
                self.visit(names, from: depth + 1, at: .member(index), body)
            }
        case .scalar:
            return
        }
    }

    /// Replaces each value at `path` under `slot` with `transform(value)`, where that is not nil.
    /// - Returns: whether any value was replaced.
    mutating func updateValues(
        at path: FieldPath,
        under slot: JSONSlot,
        _ transform: (JSONNode, inout JSONText) -> JSONNode?
    ) -> Bool {
        self.alterParents(of: path, at: slot) { document, object, name in
            guard let index = document.index(of: name, inObjectAt: object),
                let value = transform(document.members[index].value, &document.text)
            else { return false }
            document.members[index].value = value
            return true
        }
    }

    /// The slot of the value at `path` within the object at `slot` (no fan-out), for envelopes.
    func slot(at path: FieldPath, from slot: JSONSlot) -> JSONSlot? {
        var current = slot
        for part in path.names {
            guard let index = self.index(of: part, inObjectAt: current) else { return nil }
            current = .member(index)
        }
        return current
    }

    /// The value at `path` within the object at `slot` (no fan-out).
    func value(at path: FieldPath, from slot: JSONSlot) -> JSONNode? {
        self.slot(at: path, from: slot).map { self[$0] }
    }

    /// Sets the value at `path` within the object at `slot`, creating intermediate objects.
    mutating func setValue(_ value: JSONNode, at path: FieldPath, inObjectAt slot: JSONSlot) {
        self.setValue(value, at: path.names[...], inObjectAt: slot)
    }

    private mutating func setValue(_ value: JSONNode, at parts: ArraySlice<MemberName>, inObjectAt slot: JSONSlot) {
        guard case .object(let members) = self[slot], let first = parts.first else { return }
        if let index = self.index(of: first, in: members) {
            if parts.count == 1 {
                self.members[index].value = value
            } else {
                self.setValue(value, at: parts.dropFirst(), inObjectAt: .member(index))
            }
            return
        }
        var child = value
        for part in parts.dropFirst().reversed() {
            let member = JSONNode.Member(name: self.text.name(part), value: child)
            child = .object(JSONRange(start: UInt32(self.members.count), count: 1))
            self.members.append(member)
        }
        let member = JSONNode.Member(name: self.text.name(first), value: child)
        self.insertMember(member, at: Int(members.count), intoObjectAt: slot)
    }

    /// Sets a member of the object at `slot`, replacing the value of one of the same name where it stands.
    mutating func setMember(_ member: JSONNode.Member, inObjectAt slot: JSONSlot) {
        guard case .object(let members) = self[slot] else { return }
        if let index = members.indices.first(where: { self.text.span(self.members[$0].name, equals: member.name) }) {
            self.members[index].value = member.value
        } else {
            self.insertMember(member, at: Int(members.count), intoObjectAt: slot)
        }
    }

    /// Removes and returns the value at `path` within the object at `slot`, and its parent object too if that is
    /// left empty (a field moved out of `meta` must not leave `"meta": {}` behind).
    mutating func removeValuePruningEmptyParent(at path: FieldPath, fromObjectAt slot: JSONSlot) -> JSONNode? {
        let removed = self.removeValue(at: path.names[...], fromObjectAt: slot)
        if let parent = path.parent, case .object(let container)? = self.value(at: parent, from: slot),
            container.count == 0
        {
            _ = self.removeValue(at: parent.names[...], fromObjectAt: slot)
        }
        return removed
    }

    /// Removes and returns the value at `path` within the object at `slot` (no fan-out).
    mutating func removeValue(at path: FieldPath, fromObjectAt slot: JSONSlot) -> JSONNode? {
        self.removeValue(at: path.names[...], fromObjectAt: slot)
    }

    private mutating func removeValue(at parts: ArraySlice<MemberName>, fromObjectAt slot: JSONSlot) -> JSONNode? {
        guard let first = parts.first, let index = self.index(of: first, inObjectAt: slot) else { return nil }
        guard parts.count == 1 else { return self.removeValue(at: parts.dropFirst(), fromObjectAt: .member(index)) }
        let removed = self.members[index].value
        self.removeMember(at: index, fromObjectAt: slot)
        return removed
    }

    /// The store index of the member named `name` among `members`.
    func index(of name: MemberName, in members: JSONRange) -> Int? {
        members.indices.first { self.text.span(self.members[$0].name, isName: name) }
    }

    /// The store index of the member named `name` of the object at `slot`; nil when there is none, or no object.
    func index(of name: MemberName, inObjectAt slot: JSONSlot) -> Int? {
        guard case .object(let members) = self[slot] else { return nil }
        return self.index(of: name, in: members)
    }

    /// Puts `value` at `position` among the members of the object at `slot` (clamped to the end) under `name`,
    /// replacing any member of that name.
    mutating func insert(_ value: JSONNode, named name: MemberName, at position: Int, intoObjectAt slot: JSONSlot) {
        if let existing = self.index(of: name, inObjectAt: slot) { self.removeMember(at: existing, fromObjectAt: slot) }
        let member = JSONNode.Member(name: self.text.name(name), value: value)
        self.insertMember(member, at: position, intoObjectAt: slot)
    }

    /// Renames a member of the object at `slot` where it stands, replacing any member already named `new`.
    /// - Returns: whether a member named `old` was there to rename.
    mutating func renameMember(_ old: MemberName, to new: MemberName, inObjectAt slot: JSONSlot) -> Bool {
        guard case .object(let members) = self[slot], old != new else { return false }
        var oldIndex: Int?
        var newIndex: Int?
        for index in members.indices {
            let name = self.members[index].name
            if self.text.span(name, isName: old) {
                oldIndex = index
            } else if self.text.span(name, isName: new) {
                newIndex = index
            }
        }
        guard let oldIndex else { return false }
        self.members[oldIndex].name = self.text.name(new)
        if let newIndex { self.removeMember(at: newIndex, fromObjectAt: slot) }
        return true
    }

    /// Removes the members named any of `names` from the object at `slot`, keeping the others' order.
    mutating func removeMembers(named names: [MemberName], fromObjectAt slot: JSONSlot) {
        guard case .object(var members) = self[slot] else { return }
        var kept = Int(members.start)
        for index in members.indices {
            let name = self.members[index].name
            guard !names.contains(where: { self.text.span(name, isName: $0) }) else { continue }
            self.members[kept] = self.members[index]
            kept += 1
        }
        members.count = UInt32(kept - Int(members.start))
        self[slot] = .object(members)
    }

    /// Removes the member at store index `index` from the object at `slot`, closing the gap.
    mutating func removeMember(at index: Int, fromObjectAt slot: JSONSlot) {
        guard case .object(var members) = self[slot] else { return }
        for position in index..<(members.indices.upperBound - 1) { self.members[position] = self.members[position + 1] }
        members.count -= 1
        self[slot] = .object(members)
    }

    /// Inserts `member` at `position` among the members of the object at `slot` (clamped to the end). An object
    /// last in the store grows in place; any other moves its members to the end of the store, leaving the old
    /// ones unused.
    mutating func insertMember(_ member: JSONNode.Member, at position: Int, intoObjectAt slot: JSONSlot) {
        guard case .object(var members) = self[slot] else { return }
        let split = Int(members.start) + min(position, Int(members.count))
        let end = members.indices.upperBound
        if end == self.members.count {
            self.members.append(member)
            for index in stride(from: end, to: split, by: -1) { self.members[index] = self.members[index - 1] }
            self.members[split] = member
        } else {
            let start = self.members.count
            for index in Int(members.start)..<split { self.members.append(self.members[index]) }
            self.members.append(member)
            for index in split..<end { self.members.append(self.members[index]) }
            members.start = UInt32(start)
        }
        members.count += 1
        self[slot] = .object(members)
    }
}

extension FieldPath {
    /// The path without its last part; nil for a single name.
    var parent: FieldPath? { self.names.count > 1 ? FieldPath(names: Array(self.names.dropLast())) : nil }

    var name: MemberName { self.names[self.names.count - 1] }
}
