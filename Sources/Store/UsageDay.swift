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

    /// The day as `YYYY-MM-DD` (civil-from-days, proleptic Gregorian).
    public var description: String {
        let z = Int(self.daysSinceEpoch) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    public static func < (lhs: UsageDay, rhs: UsageDay) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int32) -> UsageDay { UsageDay(daysSinceEpoch: self.daysSinceEpoch + count) }
}
