/// A version's name, in one of two shapes:
///
/// - ``Scheme/numbered``: `v` followed by a positive number without leading zeros (`v1`, `v12`), at most 9 digits;
///   `v0`, `v01`, `V1` and `v1.0` are not names.
/// - ``Scheme/dated``: a release date written `YYYY-MM-DD` with exactly four, two and two digits, naming a day that
///   exists (`2024-06-20`); `2024-6-1`, `24-06-01` and `2024-02-30` are not names.
///
/// A catalog uses one scheme for all its versions (``VersionPolicy/structuralFindings(for:)``). Within a scheme,
/// numbered names order by number (`v10` after `v9`) and dated names chronologically; across schemes, which no
/// catalog mixes, numbered names come first so that the order stays total.
///
/// Parsing reads the bytes in place, without Foundation or an allocation for native strings, because the gateway
/// parses the version header of every request into one.
public struct VersionName: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// How a name is written.
    public enum Scheme: Hashable, Sendable, CustomStringConvertible {
        /// `v1`, `v2`, …
        case numbered
        /// `2024-06-20`, …
        case dated

        /// How the scheme reads in a message: `by number (v1, v2, …)` or `by release date (2024-06-20, …)`.
        public var description: String {
            switch self {
            case .numbered: "by number (v1, v2, …)"
            case .dated: "by release date (2024-06-20, …)"
            }
        }
    }

    /// How this name is written.
    public let scheme: Scheme
    /// The number, or the date packed as `YYYYMMDD`: either way its order is the name's order within the scheme.
    private let ordinal: Int

    /// Parses a name of either shape; nil for anything else, surrounding whitespace included.
    public init?(_ text: some StringProtocol) {
        let parsed = text.utf8.withContiguousStorageIfAvailable { Self.parse($0) }
        if let parsed {
            guard let name = parsed else { return nil }
            self = name
        } else {
            var copy = String(text)
            guard let name = copy.withUTF8({ Self.parse($0) }) else { return nil }
            self = name
        }
    }

    /// The name `v<number>`; nil unless `number` is positive and has at most 9 digits.
    public init?(number: Int) {
        guard (1...999_999_999).contains(number) else { return nil }
        self.init(scheme: .numbered, ordinal: number)
    }

    /// The dated name for `date` (`2024-06-20`).
    public init(date: CalendarDate) {
        self.init(scheme: .dated, ordinal: date.year * 10_000 + date.month * 100 + date.day)
    }

    private init(scheme: Scheme, ordinal: Int) {
        self.scheme = scheme
        self.ordinal = ordinal
    }

    /// The number of a numbered name (`2` for `v2`).
    public var number: Int? { self.scheme == .numbered ? self.ordinal : nil }

    /// The date of a dated name.
    public var date: CalendarDate? {
        guard self.scheme == .dated else { return nil }
        return CalendarDate(year: self.ordinal / 10_000, month: self.ordinal / 100 % 100, day: self.ordinal % 100)
    }

    /// The name as written: `v2` or `2024-06-20`.
    public var description: String {
        switch self.scheme {
        case .numbered:
            return "v\(self.ordinal)"
        case .dated:
            // Ten ASCII bytes fit a small string: stamping a response allocates nothing.
            return String(unsafeUninitializedCapacity: 10) { buffer in
                var rest = self.ordinal
                for index in (0..<10).reversed() {
                    if index == 4 || index == 7 {
                        buffer[index] = UInt8(ascii: "-")
                    } else {
                        buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                        rest /= 10
                    }
                }
                return 10
            }
        }
    }

    public static func < (lhs: VersionName, rhs: VersionName) -> Bool {
        guard lhs.scheme == rhs.scheme else { return lhs.scheme == .numbered }
        return lhs.ordinal < rhs.ordinal
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> VersionName? {
        if bytes.count >= 2, bytes.count <= 10, bytes[0] == UInt8(ascii: "v"), bytes[1] != UInt8(ascii: "0") {
            var number = 0
            for byte in bytes.dropFirst() {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return VersionName(scheme: .numbered, ordinal: number)
        }
        guard let date = CalendarDate(utf8: bytes) else { return nil }
        return VersionName(date: date)
    }
}
