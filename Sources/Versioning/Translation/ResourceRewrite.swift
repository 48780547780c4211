/// One body change read one way, prepared once when a step is made: what it does to a resource (an object, or an
/// array of them, nested arrays included), with its direction settled and its fields at hand. A list translation
/// applies each change to every item; reading the verb there copied it, and everything it holds, once per item.
/// The rewrites are classes, so that applying one shares it rather than copying its fields.
protocol ResourceRewrite: AnyObject, Sendable {
    /// Rewrites the resources at `slot` of `document`.
    /// - Returns: whether anything changed (a field was found to rename, a value to map, …).
    func apply(to document: inout JSONDocument, at slot: JSONSlot) -> Bool

    /// What the rewrite does to one member, when its field is a member of the resource itself; nil when it reaches
    /// further (see ``SinglePassRewrite``).
    var memberOperation: MemberOperation? { get }
}

extension FieldPath {
    /// The path's one name, when it names a member of the resource itself rather than a dotted path.
    fileprivate var member: MemberName? { self.names.count == 1 ? self.names[0] : nil }
}

extension ChangeVerb {
    /// What this verb does to resources when read in `direction`; nil for verbs that leave resources alone (paths,
    /// queries, headers, and list envelopes, which ``applyToEnvelope(_:_:)`` reshapes).
    func resourceRewrite(_ direction: ChangeDirection) -> (any ResourceRewrite)? {
        let forward = direction == .forward
        switch self {
        case .renameField(let older, let newer):
            let (source, target) = forward ? (older, newer) : (newer, older)
            return source.parent == target.parent
                ? MemberRename(source: source, target: target.name) : FieldMove(source: source, target: target)
        case .wrapFields(let into, let wrapped):
            return forward ? MembersWrap(into: into, wrapped: wrapped) : MembersUnwrap(from: into, wrapped: wrapped)
        case .mapValues(let field, let forwardMappings, let backwardMappings):
            return ValueMap(field: field, mappings: forward ? forwardMappings : backwardMappings)
        case .convertFormat(let field, let older, let newer):
            return older == newer
                ? nil : FormatConversion(field: field, from: forward ? older : newer, to: forward ? newer : older)
        case .addField(let field, let defaultValue):
            return forward ? FieldFill(field: field, value: defaultValue) : FieldRemoval(field: field)
        case .removeField(let field, let defaultValue):
            return forward ? FieldRemoval(field: field) : FieldFill(field: field, value: defaultValue)
        case .renamePath, .renameQueryParameter, .renameHeader, .reshapeList:
            return nil
        }
    }
}

/// A field renamed where it is: `vendor_id` → `supplier_id` in the same object.
private final class MemberRename: ResourceRewrite {
    let source: FieldPath
    let target: MemberName

    init(source: FieldPath, target: MemberName) {
        self.source = source
        self.target = target
    }

    func apply(to document: inout JSONDocument, at slot: JSONSlot) -> Bool {
        document.alterParents(of: self.source, at: slot) { document, object, name in
            document.renameMember(name, to: self.target, inObjectAt: object)
        }
    }

    var memberOperation: MemberOperation? {
        self.source.member.map { $0 == self.target ? .inert : .rename(from: $0, to: self.target) }
    }
}

/// A field moved to another place: `created` → `meta.created_at`.
private final class FieldMove: ResourceRewrite {
    let source: FieldPath
    let target: FieldPath

    init(source: FieldPath, target: FieldPath) {
        self.source = source
        self.target = target
    }

    func apply(to document: inout JSONDocument, at slot: JSONSlot) -> Bool {
        var altered = false
        document.eachObject(at: slot) { document, object in
            if let value = document.removeValuePruningEmptyParent(at: self.source, fromObjectAt: object) {
                document.setValue(value, at: self.target, inObjectAt: object)
                altered = true
            }
        }
        return altered
    }

    var memberOperation: MemberOperation? { nil }
}

/// Sibling fields gathered into one object, at the place of the first of them: `total` + `currency` →
/// `total: {amount, currency}`.
private final class MembersWrap: ResourceRewrite {
    let into: FieldPath
    let wrapped: [WrappedMember]
    /// The names the members have before they are wrapped.
    let olderNames: [MemberName]

    init(into: FieldPath, wrapped: [WrappedMember]) {
        self.into = into
        self.wrapped = wrapped
        self.olderNames = wrapped.map(\.olderName)
    }

    func apply(to document: inout JSONDocument, at slot: JSONSlot) -> Bool {
        document.alterParents(of: self.into, at: slot) { document, object, name in
            guard case .object(let members) = document[object] else { return false }
            var first: Int?
            // The wrapping object's members go to the end of the store, as the parser would have put them.
            let inner = document.members.count
            for member in self.wrapped {
                guard let index = document.index(of: member.olderName, in: members) else { continue }
                first = min(first ?? index, index)
                let wrapped = JSONNode.Member(
                    name: document.text.name(member.memberName),
                    value: document.members[index].value
                )
                document.members.append(wrapped)
            }
            guard let first else { return false }
            let wrapping = JSONNode.object(
                JSONRange(start: UInt32(inner), count: UInt32(document.members.count - inner))
            )
            document.removeMembers(named: self.olderNames, fromObjectAt: object)
            document.insert(wrapping, named: name, at: first - Int(members.start), intoObjectAt: object)
            return true
        }
    }

    var memberOperation: MemberOperation? { nil }
}

/// An object's members spread back into sibling fields where it was: `total: {amount, currency}` → `total` +
/// `currency`.
private final class MembersUnwrap: ResourceRewrite {
    let from: FieldPath
    let wrapped: [WrappedMember]

    init(from: FieldPath, wrapped: [WrappedMember]) {
        self.from = from
        self.wrapped = wrapped
    }

    func apply(to document: inout JSONDocument, at slot: JSONSlot) -> Bool {
        document.alterParents(of: self.from, at: slot) { document, object, name in
            guard case .object(let members) = document[object], let index = document.index(of: name, in: members),
                case .object(let inner) = document.members[index].value
            else { return false }
            document.removeMember(at: index, fromObjectAt: object)
            var position = index - Int(members.start)
            for member in self.wrapped {
                guard let source = document.index(of: member.memberName, in: inner) else { continue }
                let value = document.members[source].value
                document.insert(value, named: member.olderName, at: position, intoObjectAt: object)
                position += 1
            }
            return true
        }
    }

    var memberOperation: MemberOperation? { self.from.member.map { .unwrap(field: $0, wrapped: self.wrapped) } }
}

/// A field's values replaced as declared: the first mapping whose `from` the value is wins.
private final class ValueMap: ResourceRewrite, ValueRewrite {
    let field: FieldPath
    let mappings: [ValueMapping]

    init(field: FieldPath, mappings: [ValueMapping]) {
        self.field = field
        self.mappings = mappings
    }

    func apply(to document: inout JSONDocument, at slot: JSONSlot) -> Bool {
        document.updateValues(at: self.field, under: slot, self.rewrite)
    }

    var memberOperation: MemberOperation? { self.field.member.map { .transform(field: $0, rewrite: self) } }

    func rewrite(_ value: JSONNode, text: inout JSONText) -> JSONNode? {
        guard case .scalar(let span) = value,
            let mapping = self.mappings.first(where: { text.span(span, holds: $0.from) })
        else { return nil }
        return text.appendScalar(mapping.to)
    }
}

/// A field's representation changed: unix seconds ↔ RFC 3339. A value that is not in the `from` format, or that
/// the `to` format cannot write, is left as it is.
private final class FormatConversion: ResourceRewrite, ValueRewrite {
    let field: FieldPath
    let from: ValueFormat
    let to: ValueFormat

    init(field: FieldPath, from: ValueFormat, to: ValueFormat) {
        self.field = field
        self.from = from
        self.to = to
    }

    func apply(to document: inout JSONDocument, at slot: JSONSlot) -> Bool {
        document.updateValues(at: self.field, under: slot, self.rewrite)
    }

    var memberOperation: MemberOperation? { self.field.member.map { .transform(field: $0, rewrite: self) } }

    func rewrite(_ value: JSONNode, text: inout JSONText) -> JSONNode? {
        guard case .scalar(let span) = value else { return nil }
        switch (self.from, self.to) {
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
            return instant.map { text.appendInteger($0.secondsSinceEpoch) }
        default:
            return nil
        }
    }
}

/// A field given a default in every object that holds its parent and lacks it.
private final class FieldFill: ResourceRewrite {
    let field: FieldPath
    let value: JSONValue

    init(field: FieldPath, value: JSONValue) {
        self.field = field
        self.value = value
    }

    func apply(to document: inout JSONDocument, at slot: JSONSlot) -> Bool {
        document.alterParents(of: self.field, at: slot) { document, object, name in
            guard case .object(let members) = document[object], document.index(of: name, in: members) == nil else {
                return false
            }
            let member = JSONNode.Member(name: document.text.name(name), value: document.text.appendScalar(self.value))
            document.insertMember(member, at: Int(members.count), intoObjectAt: object)
            return true
        }
    }

    var memberOperation: MemberOperation? { self.field.member.map { .fill(field: $0, value: self.value) } }
}

/// A field removed wherever it is.
private final class FieldRemoval: ResourceRewrite {
    let field: FieldPath

    init(field: FieldPath) {
        self.field = field
    }

    func apply(to document: inout JSONDocument, at slot: JSONSlot) -> Bool {
        document.alterParents(of: self.field, at: slot) { document, object, name in
            guard let index = document.index(of: name, inObjectAt: object) else { return false }
            document.removeMember(at: index, fromObjectAt: object)
            return true
        }
    }

    var memberOperation: MemberOperation? { self.field.member.map { .remove(field: $0) } }
}
