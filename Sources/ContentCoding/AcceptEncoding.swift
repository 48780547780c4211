/// What a request's `Accept-Encoding` (RFC 9110 §12.5.3) allows.
public enum AcceptEncoding {
    /// Whether `fieldValues` (every `Accept-Encoding` line of a request) accept gzip: named as `gzip` or `x-gzip`,
    /// or matched by `*`, with a non-zero weight. A named entry outranks `*`; no field at all gets identity, the
    /// safe choice for clients that never asked for a coding.
    public static func acceptsGzip(_ fieldValues: [String]) -> Bool {
        var wildcard: Bool?
        for element in fieldValues.lazy.flatMap({ $0.split(separator: ",") }) {
            var parts = element.split(separator: ";").makeIterator()
            guard let name = parts.next()?.trimmingOWS.lowercased() else { continue }
            let weighted = parts.first { $0.trimmingOWS.lowercased().hasPrefix("q=") }
            let accepted = weighted.map { !Self.isZero($0.trimmingOWS.dropFirst(2)) } ?? true
            switch name {
            case "gzip", "x-gzip": return accepted
            case "*": wildcard = accepted
            default: continue
            }
        }
        return wildcard ?? false
    }

    /// Whether a weight (`qvalue`, RFC 9110 §12.4.2) is zero: `0`, `0.`, `0.0`, … up to three decimals.
    private static func isZero(_ weight: Substring) -> Bool {
        guard weight.first == "0" else { return false }
        let decimals = weight.dropFirst()
        return decimals.isEmpty || (decimals.first == "." && decimals.dropFirst().allSatisfy { $0 == "0" })
    }
}
