/// Who a request comes from, as the ledger keys it when the gateway does not check tokens (with `--auth`, the
/// registry's client id names it instead): a keyed fingerprint of its bearer token (`fp_3f9a1c0e`), else the value
/// of the client-id header, else `anonymous`. The raw token never leaves this type.
///
/// Concurrency: a value owned by one event loop (its fingerprint cache is the loop's own).
public struct ClientIdentifier {
    public static let anonymous = "anonymous"
    /// Longest client-id header value taken as a client's name.
    static let longestClientID = 64
    /// Fingerprints kept per loop before the cache starts over.
    static let cachedFingerprints = 4096

    private let fingerprinter: TokenFingerprinter
    private var fingerprints: [Substring: String] = [:]

    public init(fingerprinter: TokenFingerprinter) {
        self.fingerprinter = fingerprinter
    }

    /// - Parameters:
    ///   - authorization: the `Authorization` field's value, if any.
    ///   - clientID: the client-id header's value, if any.
    public mutating func client(authorization: String?, clientID: String?) -> String {
        if let authorization, let token = BearerCredentials.token(in: authorization) {
            if let cached = self.fingerprints[token] { return cached }
            let fingerprint = self.fingerprinter.fingerprint(of: token)
            if self.fingerprints.count >= Self.cachedFingerprints { self.fingerprints.removeAll(keepingCapacity: true) }
            // The cache keeps its own copy of the token's bytes, not a slice of the request's field.
            self.fingerprints[Substring(String(token))] = fingerprint
            return fingerprint
        }
        if let clientID, Self.isClientName(clientID) { return clientID }
        return Self.anonymous
    }

    /// A client-id header value the ledger takes as a name: 1 to 64 letters, digits and `-._:@`, not `anonymous` and
    /// not starting with `fp_` (a header must not pass for a token's fingerprint). Anything else is recorded as
    /// `anonymous`, so that a client cannot write arbitrary bytes into reports.
    static func isClientName(_ value: String) -> Bool {
        guard !value.isEmpty, value.utf8.count <= Self.longestClientID else { return false }
        return value.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: ":"), UInt8(ascii: "@"):
                true
            default: false
            }
        } && value != Self.anonymous && !value.hasPrefix("fp_")
    }

    /// Whether the ledger can hold `value` as a client: a name a client-id header may give (``isClientName(_:)``),
    /// a token fingerprint (`fp_` and hex digits), or `anonymous`. For commands that look a client up.
    public static func isLedgerClient(_ value: String) -> Bool {
        if value == Self.anonymous || Self.isClientName(value) { return true }
        guard value.hasPrefix("fp_"), value.count > 3 else { return false }
        return value.utf8.dropFirst(3).allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
        }
    }
}
