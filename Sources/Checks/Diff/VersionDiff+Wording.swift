import Versioning

/// The sentences the text and Markdown renderings share; `code` marks a literal (a path, a value, a field) the way
/// the format does.
extension VersionDiff {
    /// `v1 → v2: 13 changes, 13 breaking`.
    var headline: String { "\(self.from) → \(self.to): \(self.counts)" }

    /// `13 changes, 13 breaking`, or `no changes`.
    var counts: String {
        let count = self.entries.count
        guard count > 0 else { return "no changes" }
        return "\(count) \(count == 1 ? "change" : "changes"), \(self.breakingCount) breaking"
    }

    /// Which way the diff reads and whose names the endpoints carry.
    var reading: String {
        guard self.direction == .backward else {
            return "What a client moving from \(self.from) to \(self.to) meets, by endpoint as \(self.from) names it."
        }
        return "What a client moving back from \(self.from) to \(self.to) meets, by endpoint as \(self.from) names it: "
            + "each change undone, so read its summary backwards."
    }

    /// `POST /connections/{id}/sync`, `/vendors and below`, `every endpoint`.
    static func label(_ endpoint: DiffEndpoint, code: (String) -> String) -> String {
        guard let path = endpoint.path else {
            if case .only(let methods) = endpoint.methods {
                return "every endpoint, \(methods.joined(separator: ", "))"
            }
            return "every endpoint"
        }
        var label: String
        switch endpoint.methods {
        case .all, .allExcept: label = code(path.description)
        case .only(let methods): label = code(methods.joined(separator: ", ") + " " + path.description)
        }
        if endpoint.includesSubpaths { label += " and below" }
        if case .allExcept(let methods) = endpoint.methods {
            label += " (all methods but \(methods.joined(separator: ", ")))"
        }
        return label
    }

    /// What the entry's classification this way rests on beyond its declaration: a field a client moving back
    /// loses, values that merge. Nil when there is nothing to add.
    func note(on entry: DiffEntry, code: (String) -> String) -> String? {
        var parts = entry.reading.merges.map { Self.describe($0, code: code) }
        if entry.reading.breaking, !entry.change.breaking, case .addField(let field, _) = entry.change.verb {
            parts.insert("the field \(code(field.description)) is gone", at: 0)
        }
        guard !parts.isEmpty else { return nil }
        let joined = parts.joined(separator: "; ")
        return joined.prefix(1).uppercased() + joined.dropFirst() + "."
    }

    /// How the entry reads for a client moving the other way, where that differs: `The other way (v2 → v1): in
    /// status, "completed" and "cancelled" both become "closed".`
    func otherWay(of entry: DiffEntry, code: (String) -> String) -> String? {
        guard entry.isAsymmetric else { return nil }
        var parts: [String] = []
        if entry.reverse.breaking != entry.reading.breaking {
            var breaking = entry.reverse.breaking ? "breaking" : "not breaking"
            if entry.reverse.breaking, case .addField(let field, _) = entry.change.verb {
                breaking += ": the field \(code(field.description)) is gone"
            }
            parts.append(breaking)
        }
        parts += entry.reverse.merges.map { Self.describe($0, code: code) }
        guard !parts.isEmpty else { return nil }
        return "The other way (\(self.to) → \(self.from)): " + parts.joined(separator: "; ") + "."
    }

    /// `in status, "completed" and "cancelled" both become "closed"`.
    private static func describe(_ merge: ValueMerge, code: (String) -> String) -> String {
        let values = merge.from.map { code(PrettyJSON.text($0)) }
        let listed = values.dropLast().joined(separator: ", ") + " and " + values[values.count - 1]
        let quantifier = values.count == 2 ? "both" : "all"
        let into = code(PrettyJSON.text(merge.into))
        return "in \(code(merge.field.description)), \(listed) \(quantifier) become \(into)"
    }
}
