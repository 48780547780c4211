/// A request's path (without query) as change scopes match it, in one version's terms: its segments are walked in
/// place, so that checking a request against every scope of a step allocates nothing.
///
/// The segments are what follows the path's first `/`, split at each further `/` with empty ones kept
/// (`/a//b` → `a`, ``, `b`); `/` has none.
struct RequestPath: Sendable, Equatable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    /// Whether `template` matches all of the path's segments: as many, each literal equal (as strings compare) and
    /// each placeholder non-empty.
    func matches(_ template: PathTemplate) -> Bool {
        guard self.text != "/", let slash = self.text.utf8.firstIndex(of: UInt8(ascii: "/")) else {
            return template.segments.isEmpty
        }
        let path = self.text[self.text.utf8.index(after: slash)...]
        var start = path.startIndex
        for (position, expected) in template.segments.enumerated() {
            let end = path.utf8[start...].firstIndex(of: UInt8(ascii: "/")) ?? path.endIndex
            let segment = path[start..<end]
            switch expected {
            case .literal(let text): guard segment == text else { return false }
            case .placeholder: guard !segment.isEmpty else { return false }
            }
            // The path's segments end where the template's do, or it has more.
            guard end < path.endIndex else { return position == template.segments.count - 1 }
            start = path.utf8.index(after: end)
        }
        return false
    }
}
