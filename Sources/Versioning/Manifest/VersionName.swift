/// A version's name: `v` followed by a positive number without leading zeros (`v1`, `v12`).
///
/// Names order by their number, so `v10` comes after `v9`.
public struct VersionName: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let number: Int

    public init?(_ text: some StringProtocol) {
        let utf8 = text.utf8
        guard utf8.count >= 2, utf8.count <= 10, utf8.first == UInt8(ascii: "v") else { return nil }
        let digits = utf8.dropFirst()
        guard digits.first != UInt8(ascii: "0"),
            digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let number = Int(String(decoding: digits, as: UTF8.self))
        else { return nil }
        self.number = number
    }

    public var description: String { "v\(self.number)" }

    public static func < (lhs: VersionName, rhs: VersionName) -> Bool { lhs.number < rhs.number }
}
