import Versioning

/// A UTC calendar day, as the ledger keys its rows: days since 1970-01-01.
public struct UsageDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let daysSinceEpoch: Int32

    public init(daysSinceEpoch: Int32) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// The day that contains `secondsSinceEpoch` (UTC).
    public init(containing secondsSinceEpoch: Int64) {
        let days = secondsSinceEpoch >= 0 ? secondsSinceEpoch / 86_400 : (secondsSinceEpoch - 86_399) / 86_400
        self.daysSinceEpoch = Int32(truncatingIfNeeded: days)
    }

    /// The day as `YYYY-MM-DD`.
    public var description: String { CalendarDate(daysSinceEpoch: Int(self.daysSinceEpoch)).description }

    public static func < (lhs: UsageDay, rhs: UsageDay) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int32) -> UsageDay { UsageDay(daysSinceEpoch: self.daysSinceEpoch + count) }
}
