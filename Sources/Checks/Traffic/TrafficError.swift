/// Why a traffic recording cannot be read: one line naming the file and where in it (`calls.har entry 3: …`,
/// `calls.jsonl:12: …`, `calls.har: malformed JSON at line 40 (byte 1234): …`), for a CLI to print before it exits.
///
/// ``kind`` tells the failures apart for code and tests; the description is for people.
public struct TrafficError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, without where. A struct over a private enum, so that kinds can be added without breaking
    /// exhaustive switches elsewhere.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case unreadable = "unreadable"
            case empty = "empty"
            case unknownFormat = "unknown-format"
            case malformed = "malformed"
            case truncated = "truncated"
            case notHAR = "not-har"
            case unsupportedVersion = "unsupported-version"
            case invalidExchange = "invalid-exchange"
            case badBase64 = "bad-base64"
            case tooLarge = "too-large"
            case noExchanges = "no-exchanges"
        }

        private let base: Base

        /// A file that is missing, a directory, or cannot be read.
        public static let unreadable = Kind(base: .unreadable)
        /// A file without a byte (or only white space).
        public static let empty = Kind(base: .empty)
        /// A file whose name and first bytes say neither HAR nor JSON lines.
        public static let unknownFormat = Kind(base: .unknownFormat)
        /// Bytes that are not JSON where JSON must be.
        public static let malformed = Kind(base: .malformed)
        /// A HAR that ends inside its document.
        public static let truncated = Kind(base: .truncated)
        /// JSON without `log` or `log.entries`, or with them of the wrong type.
        public static let notHAR = Kind(base: .notHAR)
        /// A HAR whose `log.version` is not `1.2`.
        public static let unsupportedVersion = Kind(base: .unsupportedVersion)
        /// An entry or line that lacks what an exchange needs (a method, a URL), or holds a member of the wrong type.
        public static let invalidExchange = Kind(base: .invalidExchange)
        /// Content said to be base64 that is not.
        public static let badBase64 = Kind(base: .badBase64)
        /// An entry or line larger than the reader's bound.
        public static let tooLarge = Kind(base: .tooLarge)
        /// A well-formed recording that holds no exchange.
        public static let noExchanges = Kind(base: .noExchanges)

        /// A short, stable name (`truncated`, `bad-base64`), fit for a metric label or a test.
        public var description: String { self.base.rawValue }
    }

    public let kind: Kind
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = Self.oneLine(description)
    }

    /// `text` on one line: a library's message may hold line breaks.
    private static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : Character($0) })
    }
}
