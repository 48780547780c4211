/// A moment in time, to the second, in UTC: what lifecycle decisions compare against the clock.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// The start of `date`, midnight UTC.
    public init(_ date: CalendarDate) {
        self.secondsSinceEpoch = date.secondsSinceEpoch
    }

    /// Parses an RFC 3339 date-time (`2026-05-04T09:00:00Z`, `2026-05-04T11:00:00+02:00`, fractions ignored).
    public init?(rfc3339 text: some StringProtocol) {
        var text = String(text)
        guard let instant = text.withUTF8({ Instant(rfc3339UTF8: $0) }) else { return nil }
        self = instant
    }

    /// Parses an RFC 3339 date-time from its UTF-8 bytes.
    init?(rfc3339UTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count >= 20, let date = CalendarDate(utf8: UnsafeBufferPointer(rebasing: bytes[0..<10])),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":"), let hour = Self.number(bytes[11..<13]),
            let minute = Self.number(bytes[14..<16]),
            let second = Self.number(bytes[17..<19]), hour < 24, minute < 60, second <= 60
        else { return nil }
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let digits = bytes[index...].prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard !digits.isEmpty else { return nil }
            index += digits.count
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                let hours = Self.number(bytes[(index + 1)..<(index + 3)]),
                let minutes = Self.number(bytes[(index + 4)..<(index + 6)]), hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 60 + minutes) * 60 * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return nil
        }
        self.secondsSinceEpoch = date.secondsSinceEpoch + Int64(hour * 3600 + minute * 60 + min(second, 59) - offset)
    }

    /// `2026-05-04T09:00:00Z`.
    public var description: String { self.rfc3339 }

    public var rfc3339: String {
        let (date, hour, minute, second) = self.components
        return "\(date)T\(Self.pad(hour)):\(Self.pad(minute)):\(Self.pad(second))Z"
    }

    /// The times RFC 3339 can write, with its four-digit years: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
    static let rfc3339Range: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// RFC 9110's preferred HTTP date, IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), as `Sunset` carries it.
    public var imfFixdate: String {
        let (date, hour, minute, second) = self.components
        let days = Int(self.secondsSinceEpoch.dividedRoundingDown(by: 86_400))
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][date.month - 1]
        return
            "\(weekday), \(Self.pad(date.day)) \(month) \(date.year) \(Self.pad(hour)):\(Self.pad(minute)):\(Self.pad(second)) GMT"
    }

    /// RFC 9651's Date structured field (`@1688169599`), as `Deprecation` carries it (RFC 9745).
    public var structuredFieldDate: String { "@\(self.secondsSinceEpoch)" }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    /// This instant moved by whole calendar months, day clamped to the month's length (Jan 31 + 1 month = Feb 28).
    public func adding(months: Int) -> Instant {
        let (date, hour, minute, second) = self.components
        let monthIndex = date.year * 12 + (date.month - 1) + months
        let year = monthIndex / 12
        let month = monthIndex % 12 + 1
        var day = date.day
        var shifted = CalendarDate(year: year, month: month, day: day)
        while shifted == nil, day > 28 {
            day -= 1
            shifted = CalendarDate(year: year, month: month, day: day)
        }
        guard let shifted else { return self }
        return Instant(secondsSinceEpoch: shifted.secondsSinceEpoch + Int64(hour * 3600 + minute * 60 + second))
    }

    /// The calendar day this instant falls on, in UTC.
    public var calendarDate: CalendarDate { self.components.date }

    private var components: (date: CalendarDate, hour: Int, minute: Int, second: Int) {
        let days = self.secondsSinceEpoch.dividedRoundingDown(by: 86_400)
        let secondOfDay = Int(self.secondsSinceEpoch - days * 86_400)
        return (CalendarDate(daysSinceEpoch: Int(days)), secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
    }

    private static func number(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return bytes.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension Int64 {
    fileprivate func dividedRoundingDown(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return self % divisor < 0 ? quotient - 1 : quotient
    }
}
