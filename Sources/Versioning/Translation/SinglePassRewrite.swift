/// A step's rewrites compiled into one pass over each object's members, for list bodies: applied one after
/// another, each rewrite looks through every item's members again (and moves its members for each insertion),
/// while here each member is looked up once and runs through the operations that concern it, and the object is
/// written once, at the end of the member store.
///
/// Made once per step and direction from all its body changes, in the order the step applies them; a request runs
/// those that concern it (``Operations``, one bit per position).
///
/// The pass gives what applying the rewrites in order gives, as long as no member is given a name another member
/// holds at that point: then applying them in order decides which of the two survives. So a request whose
/// operations give one name twice does not run the pass, and an object that already holds a name some operation
/// gives (``guarded``) is rewritten change by change instead.
final class SinglePassRewrite: Sendable {
    /// A set of operations by position: those that concern a request, or those that altered something.
    typealias Operations = UInt64

    private let rewrites: [(any ResourceRewrite)?]
    private let operations: [MemberOperation]
    /// The operations the pass cannot run: their rewrites reach beyond the resource's own members (a moved field,
    /// a wrap, a dotted path).
    private let unsupported: Operations
    /// For each operation, the others that give a name it gives.
    private let conflicts: [Operations]
    /// The name each operation looks for, owned by the operation's position.
    private let inputs: NameTable
    /// The names operations give members, but for an unwrap's own name (only the member it unwraps holds it then),
    /// each owned by the position of the operation that gives it.
    private let guarded: NameTable

    /// Nil for a step of more body changes than ``Operations`` has bits.
    init?(_ rewrites: [(any ResourceRewrite)?]) {
        guard rewrites.count <= Operations.bitWidth else { return nil }
        // A change with no rewrite leaves resources alone.
        let supported = rewrites.map { rewrite in rewrite == nil ? .inert : rewrite?.memberOperation }
        let operations = supported.map { $0 ?? .inert }
        let given = operations.map(\.allGivenNames)
        let guarded = operations.indices.flatMap { position in
            operations[position].givenNames.map { (name: $0, owner: position) }
        }
        self.rewrites = rewrites
        self.operations = operations
        self.unsupported = supported.indices.reduce(0) { supported[$1] == nil ? $0 | 1 << $1 : $0 }
        // An unwrap that gives one name twice conflicts with itself.
        self.conflicts = given.indices.map { position in
            given.indices.reduce(0) { conflicts, other in
                let shared =
                    other == position
                    ? Set(given[position]).count < given[position].count
                    : given[other].contains(where: given[position].contains)
                return shared ? conflicts | 1 << other : conflicts
            }
        }
        self.inputs = NameTable(
            operations.indices.compactMap { position in operations[position].input.map { ($0, position) } }
        )
        self.guarded = NameTable(guarded)
    }

    /// Whether the pass can run `operations`: none reaches beyond members, and no two give the same name.
    func canRun(_ operations: Operations) -> Bool {
        guard operations & self.unsupported == 0 else { return false }
        return self.conflicts.indices.allSatisfy { operations & 1 << $0 == 0 || self.conflicts[$0] & operations == 0 }
    }

    /// Runs `operations` (which ``canRun(_:)``) on the resources at `slot`, adding to `altered` those that altered
    /// one.
    func apply(
        _ operations: Operations,
        to document: inout JSONDocument,
        at slot: JSONSlot,
        altered: inout Operations
    ) {
        guard case .object(let members) = document[slot], !self.holdsGuardedName(members, operations, in: document)
        else {
            for position in self.rewrites.indices where operations & 1 << position != 0 {
                if self.rewrites[position]?.apply(to: &document, at: slot) ?? false { altered |= 1 << position }
            }
            return
        }
        let start = document.members.count
        for index in members.indices {
            self.run(document.members[index], from: 0, operations, into: &document, altered: &altered)
        }
        for (position, operation) in self.operations.enumerated() where operations & 1 << position != 0 {
            guard case .fill(let field, let value) = operation else { continue }
            let member = JSONNode.Member(name: document.text.name(field), value: document.text.appendScalar(value))
            altered |= 1 << position
            self.run(member, from: position + 1, operations, into: &document, altered: &altered)
        }
        document[slot] = .object(JSONRange(start: UInt32(start), count: UInt32(document.members.count - start)))
    }

    private func holdsGuardedName(_ members: JSONRange, _ operations: Operations, in document: JSONDocument) -> Bool {
        members.indices.contains { index in
            self.guarded.firstOwner(of: document.members[index].name, in: document.text, among: operations) != nil
        }
    }

    /// Runs `member` through `operations` from `stage` on, those that look for its name (as it is at each),
    /// appending what is left of it to the member store.
    private func run(
        _ member: JSONNode.Member,
        from stage: Int,
        _ operations: Operations,
        into document: inout JSONDocument,
        altered: inout Operations
    ) {
        var member = member
        var next = stage
        while next < Operations.bitWidth,
            let position = self.inputs.firstOwner(of: member.name, in: document.text, among: operations & ~0 &<< next)
        {
            next = position + 1
            switch self.operations[position] {
            case .rename(_, let to):
                member.name = document.text.name(to)
                altered |= 1 << position
            case .transform(_, let rewrite):
                guard let value = rewrite.rewrite(member.value, text: &document.text) else { continue }
                member.value = value
                altered |= 1 << position
            case .unwrap(_, let wrapped):
                guard case .object(let inner) = member.value else { continue }
                altered |= 1 << position
                for unwrapped in wrapped {
                    guard let source = document.index(of: unwrapped.memberName, in: inner) else { continue }
                    let value = document.members[source].value
                    let named = JSONNode.Member(name: document.text.name(unwrapped.olderName), value: value)
                    self.run(named, from: next, operations, into: &document, altered: &altered)
                }
                return
            case .remove:
                altered |= 1 << position
                return
            case .fill, .inert:
                // No member holds a filled name here: it is guarded.
                continue
            }
        }
        document.members.append(member)
    }
}
