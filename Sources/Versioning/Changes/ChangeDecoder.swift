import Yams

/// Reads a manifest's `changes:` list. Each change is a mapping with `id`, `summary`, `breaking`, optional
/// `endpoints` and `methods`, and exactly one verb key:
///
/// ```yaml
/// - id: vendors-are-suppliers
///   summary: "/vendors is now /suppliers."
///   breaking: true
///   rename-path: {from: /vendors, to: /suppliers}
/// ```
/// `from` is always the previous version's form, `to` this version's. Errors name the file, the line, the change
/// id and what to fix.
enum ChangeDecoder {
    static let commonKeys: Set<String> = ["id", "summary", "breaking", "endpoints", "methods"]

    static func decode(_ node: Node, file: String) throws(ManifestError) -> VersionChange {
        let fields = try ManifestFields(
            mapping: node,
            file: file,
            keys: self.commonKeys.union(ChangeVerb.names),
            context: "'changes'"
        )
        let id = try fields.required("id", as: "a short identifier like vendors-are-suppliers") {
            $0.isEmpty ? nil : $0
        }
        func fail(_ message: String, at key: String? = nil) -> ManifestError {
            ManifestError(
                file: file,
                line: key.flatMap(fields.line) ?? ManifestDecoder.line(of: node),
                message: "change '\(id)': \(message)"
            )
        }
        let verbs = ChangeVerb.names.filter { fields.values[$0] != nil }
        guard verbs.count == 1, let verbName = verbs.first, let verbNode = fields.values[verbName] else {
            throw fail(
                verbs.isEmpty
                    ? "names no verb; use one of: \(ChangeVerb.names.joined(separator: ", "))"
                    : "names several verbs (\(verbs.joined(separator: ", "))); declare one change per verb"
            )
        }
        let verb: ChangeVerb
        do {
            verb = try self.verb(
                verbName,
                ManifestFields(mapping: verbNode, file: file, keys: self.keys(of: verbName), context: "'\(verbName)'")
            )
        } catch {
            throw ManifestError(file: error.file, line: error.line, message: "change '\(id)': \(error.message)")
        }
        // A path rename's `from` is its scope; endpoints beside it would look like a narrower scope that never applies.
        if case .renamePath(let older, _) = verb, fields.values["endpoints"] != nil {
            throw fail(
                "'endpoints' does not apply to rename-path: it renames every path under '\(older)'; remove 'endpoints' "
                    + "(or narrow 'from')",
                at: "endpoints"
            )
        }
        var endpoints: [PathTemplate] = []
        for text in try fields.strings("endpoints") {
            guard let template = PathTemplate(text) else {
                throw fail("endpoint '\(text)' is not a path like /purchase-orders/{id}", at: "endpoints")
            }
            endpoints.append(template)
        }
        let methods = try fields.strings("methods").map { $0.uppercased() }
        return VersionChange(
            id: id,
            summary: try fields.required("summary", as: "one line for clients") { $0.isEmpty ? nil : $0 },
            breaking: try fields.required("breaking", as: "true or false") { ["true": true, "false": false][$0] },
            scope: ChangeScope(endpoints: endpoints, methods: Set(methods)),
            verb: verb
        )
    }

    private static func keys(of verb: String) -> Set<String> {
        switch verb {
        case "wrap-fields": ["into", "members"]
        case "map-values": ["field", "forward", "backward"]
        case "convert-format": ["field", "from", "to"]
        case "add-field", "remove-field": ["field", "default"]
        default: ["from", "to"]
        }
    }

    private static func verb(_ name: String, _ fields: ManifestFields) throws(ManifestError) -> ChangeVerb {
        let path = "a path like /suppliers/{id}"
        let field = "a field like total.amount"
        switch name {
        case "rename-path":
            return .renamePath(
                older: try fields.required("from", as: path, PathTemplate.init),
                newer: try fields.required("to", as: path, PathTemplate.init)
            )
        case "rename-query-parameter":
            let name = "a query parameter name"
            return .renameQueryParameter(
                older: try fields.required("from", as: name) { $0.isEmpty ? nil : $0 },
                newer: try fields.required("to", as: name) { $0.isEmpty ? nil : $0 }
            )
        case "rename-header":
            let name = "a header name"
            let token = { (text: String) in
                text.isEmpty || text.contains(where: { $0 == " " || $0 == ":" }) ? nil : text
            }
            return .renameHeader(
                older: try fields.required("from", as: name, token),
                newer: try fields.required("to", as: name, token)
            )
        case "rename-field":
            return .renameField(
                older: try fields.required("from", as: field, FieldPath.init),
                newer: try fields.required("to", as: field, FieldPath.init)
            )
        case "wrap-fields":
            let members = try fields.fieldNameMap("members").map { WrappedMember(olderField: $0.value, member: $0.key) }
            guard !members.isEmpty else {
                throw fields.error(
                    "'members' must map each member of the object to the older field it comes from",
                    at: "members"
                )
            }
            return .wrapFields(into: try fields.required("into", as: field, FieldPath.init), members: members)
        case "map-values":
            return .mapValues(
                field: try fields.required("field", as: field, FieldPath.init),
                forward: try fields.valueMap("forward"),
                backward: try fields.valueMap("backward")
            )
        case "convert-format":
            let format = "one of " + ValueFormat.allCases.map(\.rawValue).joined(separator: ", ")
            return .convertFormat(
                field: try fields.required("field", as: field, FieldPath.init),
                older: try fields.required("from", as: format, ValueFormat.init(rawValue:)),
                newer: try fields.required("to", as: format, ValueFormat.init(rawValue:))
            )
        case "reshape-list":
            return .reshapeList(older: try fields.envelope("from"), newer: try fields.envelope("to"))
        case "add-field":
            return .addField(
                field: try fields.required("field", as: field, FieldPath.init),
                defaultValue: try fields.jsonValue("default")
            )
        default:
            return .removeField(
                field: try fields.required("field", as: field, FieldPath.init),
                defaultValue: try fields.jsonValue("default")
            )
        }
    }
}

extension ManifestFields {
    func error(_ message: String, at key: String) -> ManifestError {
        ManifestError(file: self.file, line: self.line(key), message: message)
    }

    /// The list of plain strings under `key`, empty when absent.
    func strings(_ key: String) throws(ManifestError) -> [String] {
        guard let node = self.values[key] else { return [] }
        guard let sequence = node.sequence else { throw self.error("'\(key)' must be a list", at: key) }
        var strings: [String] = []
        for item in sequence {
            guard let text = item.scalar?.string, !text.isEmpty else {
                throw self.error("'\(key)' must list plain values", at: key)
            }
            strings.append(text)
        }
        return strings
    }

    /// The mapping of field names to field names under `key`, in order.
    func fieldNameMap(_ key: String) throws(ManifestError) -> [(key: String, value: String)] {
        guard let mapping = self.values[key]?.mapping else { throw self.error("'\(key)' must be a mapping", at: key) }
        var pairs: [(key: String, value: String)] = []
        for (name, value) in mapping {
            guard let name = name.string, let value = value.scalar?.string, Self.isFieldName(name),
                Self.isFieldName(value)
            else {
                throw self.error("'\(key)' must map field names to field names", at: key)
            }
            pairs.append((name, value))
        }
        return pairs
    }

    /// Whether `name` names one field, not a dotted path.
    private static func isFieldName(_ name: String) -> Bool {
        FieldPath(name)?.parts.count == 1
    }

    /// A mapping of values to values, each side read as JSON (`closed: completed`, `true: full`).
    func valueMap(_ key: String) throws(ManifestError) -> [ValueMapping] {
        guard let mapping = self.values[key]?.mapping else {
            throw self.error("'\(key)' must map each value to its replacement (declare both directions)", at: key)
        }
        var mappings: [ValueMapping] = []
        for (from, to) in mapping {
            guard let from = from.scalar, let to = to.scalar else {
                throw self.error("'\(key)' must map plain values", at: key)
            }
            mappings.append(ValueMapping(from: Self.json(from), to: Self.json(to)))
        }
        return mappings
    }

    /// A list envelope: `{items: results, total: count}`.
    func envelope(_ key: String) throws(ManifestError) -> ListEnvelope {
        guard let node = self.values[key] else { throw self.error("missing '\(key)' ({items: …, total: …})", at: key) }
        let fields = try ManifestFields(mapping: node, file: self.file, keys: ["items", "total"], context: "'\(key)'")
        return ListEnvelope(
            items: try fields.required("items", as: "a field like data", FieldPath.init),
            total: try fields.required("total", as: "a field like meta.total", FieldPath.init)
        )
    }

    /// A plain value under `key`, read as JSON.
    func jsonValue(_ key: String) throws(ManifestError) -> JSONValue {
        guard let scalar = self.values[key]?.scalar else { throw self.error("'\(key)' must be a plain value", at: key) }
        return Self.json(scalar)
    }

    /// A YAML scalar as JSON: plain `true`, `false`, `null` and numbers keep their type; anything else, and
    /// anything quoted, is a string.
    static func json(_ scalar: Node.Scalar) -> JSONValue {
        guard scalar.style == .plain else { return .string(scalar.string) }
        switch scalar.string {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null", "~": return .null
        case let text where JSONParser.isNumber(text):
            return .number(text)
        default: return .string(scalar.string)
        }
    }
}
