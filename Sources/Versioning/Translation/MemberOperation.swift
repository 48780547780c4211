/// What a rewrite does to one member of a resource, for rewrites whose field is a member of the resource itself
/// (no dotted path): the steps ``SinglePassRewrite`` runs each member through.
enum MemberOperation {
    /// The member named `from` takes the name `to`.
    case rename(from: MemberName, to: MemberName)
    /// The value of the member named `field` becomes what `rewrite` makes of it, where that is not nil.
    case transform(field: MemberName, rewrite: any ValueRewrite)
    /// The member named `field`, when its value is an object, gives way to those of its members `wrapped` names,
    /// each under its older name, in `wrapped`'s order.
    case unwrap(field: MemberName, wrapped: [WrappedMember])
    /// The member named `field` is removed.
    case remove(field: MemberName)
    /// A member named `field` with `value` is added at the end, where none is.
    case fill(field: MemberName, value: JSONValue)
    /// Nothing happens to members (a `reshape-list`, which reshapes the envelope, or a rename to the same name).
    case inert

    /// The name this operation gives a member, if it gives one; an unwrap gives several.
    var givenNames: [MemberName] {
        switch self {
        case .rename(_, let to): [to]
        case .unwrap(let field, let wrapped): wrapped.map(\.olderName).filter { $0 != field }
        case .fill(let field, _): [field]
        case .transform, .remove, .inert: []
        }
    }

    /// The name of the member this operation looks for.
    var input: MemberName? {
        switch self {
        case .rename(let field, _), .transform(let field, _), .unwrap(let field, _), .remove(let field),
            .fill(let field, _):
            field
        case .inert: nil
        }
    }

    /// All names an unwrap gives, its own included.
    var allGivenNames: [MemberName] {
        if case .unwrap(_, let wrapped) = self { return wrapped.map(\.olderName) }
        return self.givenNames
    }
}

/// A value's rewrite: a format conversion or a value mapping.
protocol ValueRewrite: AnyObject, Sendable {
    /// The new value for `value`, nil when this rewrite leaves it alone.
    func rewrite(_ value: JSONNode, text: inout JSONText) -> JSONNode?
}
