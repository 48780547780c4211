/// Reading and writing fields of JSON resources by dotted path. Where a path meets an array, it applies to each
/// element, so one change reaches items of nested lists too.
extension JSONValue {
    /// Calls `body` with each object that contains the last part of `path` (the parent of the field), creating
    /// intermediate objects when `create` is set.
    mutating func withParents(of path: FieldPath, create: Bool, _ body: (inout JSONObject, String) -> Void) {
        self.visit(path.parts[...], create: create, body)
    }

    private mutating func visit(_ parts: ArraySlice<String>, create: Bool, _ body: (inout JSONObject, String) -> Void) {
        // Each case first lets go of `self`'s reference, so that the storage it mutates is unique and
        // copy-on-write copies nothing.
        switch self {
        case .array(var elements):
            self = .null
            for index in elements.indices { elements[index].visit(parts, create: create, body) }
            self = .array(elements)
        case .object(var object):
            self = .null
            guard let first = parts.first else {
                self = .object(object)
                return
            }
            if parts.count == 1 {
                body(&object, first)
            } else if var child = object[first] {
                child.visit(parts.dropFirst(), create: create, body)
                object[first] = child
            } else if create {
                var child = JSONValue.object(JSONObject())
                child.visit(parts.dropFirst(), create: create, body)
                object[first] = child
            }
            self = .object(object)
        default:
            return
        }
    }

    /// Replaces each value at `path` with `transform(value)`.
    mutating func updateValues(at path: FieldPath, _ transform: (JSONValue) -> JSONValue) {
        self.withParents(of: path, create: false) { object, key in
            if let value = object[key] { object[key] = transform(value) }
        }
    }

    /// The value at `path` within a single object (no fan-out), for envelopes.
    func value(at path: FieldPath) -> JSONValue? {
        var current: JSONValue? = self
        for part in path.parts {
            guard case .object(let object)? = current else { return nil }
            current = object[part]
        }
        return current
    }

    /// Sets the value at `path` within a single object, creating intermediate objects.
    mutating func setValue(_ value: JSONValue, at path: FieldPath) {
        guard case .object(var object) = self, let first = path.parts.first else { return }
        if path.parts.count == 1 {
            object[first] = value
        } else {
            var child = object[first] ?? .object(JSONObject())
            child.setValue(value, at: FieldPath(parts: Array(path.parts.dropFirst())))
            object[first] = child
        }
        self = .object(object)
    }

    /// Removes and returns the value at `path`, and its parent object too if that is left empty (a field moved out
    /// of `meta` must not leave `"meta": {}` behind).
    mutating func removeValuePruningEmptyParent(at path: FieldPath) -> JSONValue? {
        let removed = self.removeValue(at: path)
        if let parent = path.parent, case .object(let container)? = self.value(at: parent), container.members.isEmpty {
            _ = self.removeValue(at: parent)
        }
        return removed
    }

    /// Removes and returns the value at `path` within a single object.
    mutating func removeValue(at path: FieldPath) -> JSONValue? {
        guard case .object(var object) = self, let first = path.parts.first else { return nil }
        let removed: JSONValue?
        if path.parts.count == 1 {
            removed = object[first]
            object[first] = nil
        } else {
            guard var child = object[first] else { return nil }
            removed = child.removeValue(at: FieldPath(parts: Array(path.parts.dropFirst())))
            object[first] = child
        }
        self = .object(object)
        return removed
    }
}

extension FieldPath {
    init(parts: [String]) {
        self.parts = parts
    }

    /// The path without its last part; nil for a single name.
    var parent: FieldPath? { self.parts.count > 1 ? FieldPath(parts: Array(self.parts.dropLast())) : nil }

    var name: String { self.parts[self.parts.count - 1] }
}
