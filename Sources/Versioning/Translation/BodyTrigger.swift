#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// When a translation reads (parses) a body a step's changes concern.
public enum BodyReading: Sendable {
    /// Only when one of them may alter it (``BodyTrigger``): a body none can touch passes untouched, even one that
    /// is not JSON. What the gateway does with bodies in their own representation.
    case whenAltered
    /// Always: a body that is not JSON is an error even when no change would have touched it. For bytes that are not
    /// the representation itself (content-coded), and for walks that must tell unreadable bodies apart.
    case always
}

/// What a change needs to find in a JSON body before it can alter it: a necessary condition checked on the raw
/// bytes, so that a body no change can touch is passed on without being parsed (most responses to a client of an
/// older version, since most changes are renames and conversions of particular fields).
enum BodyTrigger: Sendable {
    /// It may alter any body: it adds a member to every resource.
    case always
    /// It alters a body only where a member named so is.
    case member(MemberName)
    /// It alters a body only where a member of one of these names is.
    case anyMember([WrappedMember])

    /// Whether changes of `triggers` (nil for a change that never alters bodies) may alter `body`: false only when
    /// none can, because no member any of them needs is named in it. A body with a backslash is always parsed, since
    /// an escaped name would not be found by its bytes. Linear in the body's size for each change; allocates nothing.
    static func mayAlter(_ body: [UInt8], by triggers: some Sequence<BodyTrigger?>) -> Bool {
        body.withUnsafeBytes { raw in
            guard let start = raw.baseAddress, memchr(start, Int32(UInt8(ascii: "\\")), raw.count) == nil else {
                return true
            }
            let names = { (name: MemberName) in Self.contains(raw, name.quoted) }
            return triggers.contains { trigger in
                switch trigger {
                case nil: false
                case .always: true
                case .member(let name): names(name)
                case .anyMember(let wrapped): wrapped.contains { names($0.olderName) }
                }
            }
        }
    }

    /// Whether `token` (a quoted name, at least one byte between its quotes) occurs in `raw`: a scan with `memchr`
    /// for the name's first byte, which is rarer than the quote before it.
    private static func contains(_ raw: UnsafeRawBufferPointer, _ token: [UInt8]) -> Bool {
        token.withUnsafeBytes { needle in
            guard needle.count <= raw.count, let base = raw.baseAddress, let token = needle.baseAddress else {
                return false
            }
            let end = base + raw.count
            var next = base + 1
            while next < end, let hit = memchr(next, Int32(needle[1]), end - next) {
                // The byte before is read first: most hits are letters within words, not after a quote.
                let start = UnsafeRawPointer(hit) - 1
                if start.load(as: UInt8.self) == needle[0], end - start >= needle.count,
                    memcmp(start, token, needle.count) == 0
                {
                    return true
                }
                next = UnsafeRawPointer(hit) + 1
            }
            return false
        }
    }
}

extension ChangeVerb {
    /// What this verb needs in a body to alter it in `direction`; nil when it never alters bodies. Derived from how
    /// its ``ResourceRewrite`` and ``applyToEnvelope(_:_:)`` find their members: a rename needs its
    /// source, a mapping or conversion its field, a removal the field removed, an added default the objects above
    /// the field (any object, for a top-level field), a wrap one of the members it wraps, an unwrap the wrapper, and
    /// a reshaped list its items.
    func bodyTrigger(_ direction: ChangeDirection) -> BodyTrigger? {
        let forward = direction == .forward
        switch self {
        case .renamePath, .renameQueryParameter, .renameHeader:
            return nil
        case .renameField(let older, let newer):
            return .member((forward ? older : newer).name)
        case .wrapFields(let into, let wrapped):
            return forward ? .anyMember(wrapped) : .member(into.name)
        case .mapValues(let field, _, _), .convertFormat(let field, _, _):
            return .member(field.name)
        case .addField(let field, _):
            return forward ? Self.filling(field) : .member(field.name)
        case .removeField(let field, _):
            return forward ? .member(field.name) : Self.filling(field)
        case .reshapeList(let older, let newer):
            return .member((forward ? older : newer).items.name)
        }
    }

    /// A default added at `field` lands in every object that holds its parent path: any object for a top-level field.
    private static func filling(_ field: FieldPath) -> BodyTrigger {
        field.names.count == 1 ? .always : .member(field.names[0])
    }
}
