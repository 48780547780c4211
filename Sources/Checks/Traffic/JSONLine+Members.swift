import Foundation

/// The members of a JSON line that take several shapes: query, header fields and bodies.
extension JSONLine {
    /// `query` as a string (`a=1&b=2`, written as is; a leading `?` is dropped) or an object whose members become
    /// `name=value` pairs in order, each side percent-encoded (RFC 3986 §2.1): a string, a number as written,
    /// `true`/`false`, null (the name alone), or an array of those (the name once per element).
    /// - Returns: nil when there is none, or it is empty.
    func query() throws(TrafficError) -> String? {
        guard let value = self.value("query") else { return nil }
        switch self.spans.kind(value) {
        case .string:
            let text = self.spans.string(value)
            let query = text.hasPrefix("?") ? String(text.dropFirst()) : text
            return query.isEmpty ? nil : query
        case .object:
            var pairs: [(name: String, value: String?)] = []
            for (name, member) in self.spans.members(value) {
                let elements = self.spans.kind(member) == .array ? self.spans.elements(member) : [member]
                for element in elements {
                    if self.spans.kind(element) == .null {
                        pairs.append((name, nil))
                        continue
                    }
                    guard let text = self.scalar(element) else {
                        throw self.invalid(
                            "query \"\(name)\" must be a string, number, boolean, null or an array of them"
                        )
                    }
                    pairs.append((name, text))
                }
            }
            return pairs.isEmpty ? nil : PercentEncoding.query(pairs)
        default:
            throw self.invalid("\"query\" must be a string or an object")
        }
    }

    /// An object of `name` → a string (or a number) or an array of them (one field per element, in order), or an
    /// array of `{"name", "value"}` objects. Pseudo-header fields (`:authority`) are left out, as in a HAR.
    func fields(_ member: String) throws(TrafficError) -> [RecordedField] {
        guard let value = self.value(member) else { return [] }
        var fields: [RecordedField] = []
        switch self.spans.kind(value) {
        case .object:
            for (name, field) in self.spans.members(value) {
                let elements = self.spans.kind(field) == .array ? self.spans.elements(field) : [field]
                for element in elements {
                    guard self.spans.kind(element) != .boolean, let text = self.scalar(element) else {
                        throw self.invalid("\(member) \"\(name)\" must be a string or an array of strings")
                    }
                    fields.append(RecordedField(name: name, value: text))
                }
            }
        case .array:
            for (index, element) in self.spans.elements(value).enumerated() {
                let members = self.spans.kind(element) == .object ? self.spans.members(element) : []
                guard let name = members.first(where: { $0.name == "name" })?.value, self.spans.kind(name) == .string,
                    let text = members.first(where: { $0.name == "value" })?.value, self.spans.kind(text) != .boolean,
                    let value = self.scalar(text)
                else { throw self.invalid("\(member)[\(index)] must be an object with a string name and value") }
                fields.append(RecordedField(name: self.spans.string(name), value: value))
            }
        default:
            throw self.invalid("\"\(member)\" must be an object or an array of {\"name\", \"value\"} objects")
        }
        return fields.filter { !$0.name.hasPrefix(":") }
    }

    /// `member` as text (a string's UTF-8) or as JSON (any other value, written back compact with its bytes as
    /// they were), or `member_base64` decoded; not both. An empty body is none.
    func body(_ member: String) throws(TrafficError) -> [UInt8]? {
        let base64 = member + "_base64"
        switch (self.value(member), try self.string(base64)) {
        case (nil, nil):
            return nil
        case (let value?, nil):
            let bytes =
                self.spans.kind(value) == .string ? Array(self.spans.string(value).utf8) : self.spans.compact(value)
            return bytes.isEmpty ? nil : bytes
        case (nil, let encoded?):
            guard let data = Data(base64Encoded: encoded) else {
                throw TrafficError(.badBase64, "\(self.origin): \"\(base64)\" is not valid base64")
            }
            return data.isEmpty ? nil : Array(data)
        case (_?, _?):
            throw self.invalid("give \"\(member)\" or \"\(base64)\", not both")
        }
    }

    /// A string's text, a number's digits, `true` or `false`; nil for null, an object or an array.
    private func scalar(_ value: Range<Int>) -> String? {
        switch self.spans.kind(value) {
        case .string: self.spans.string(value)
        case .number, .boolean: self.spans.text(value)
        case .null, .object, .array: nil
        }
    }
}
