/// RFC 9110 §5.6.7's HTTP-date grammar, as a recipient must accept it: the preferred IMF-fixdate
/// (`Sun, 06 Nov 1994 08:49:37 GMT`) and the two obsolete forms, RFC 850's (`Sunday, 06-Nov-94 08:49:37 GMT`) and
/// asctime's (`Sun Nov  6 08:49:37 1994`). Validates only: whether a `Date` is worth forwarding (§6.6.1).
enum HTTPDate {
    /// Whether `value` (without surrounding whitespace) is an HTTP-date: one of the three forms, with a known day
    /// and month name, a day of 1 to 31, an hour to 23, a minute to 59 and a second to 60 (a leap second).
    /// Reads the bytes where they lie: every response with a `Date` passes here.
    static func isValid(_ value: Slice<UnsafeRawBufferPointer>) -> Bool {
        let bytes = UnsafeRawBufferPointer(rebasing: value)
        return self.isIMFFixdate(bytes) || self.isRFC850Date(bytes) || self.isAsctimeDate(bytes)
    }

    private static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map { Array($0.utf8) }
    private static let longDayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        .map { Array($0.utf8) }
    private static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .map { Array($0.utf8) }

    /// `Sun, 06 Nov 1994 08:49:37 GMT`
    private static func isIMFFixdate(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == 29 else { return false }
        return self.dayName(bytes[0..<3]) && self.matches(bytes[3..<5], ", ")
            && self.day(bytes[5..<7]) && bytes[7] == UInt8(ascii: " ") && self.month(bytes[8..<11])
            && bytes[11] == UInt8(ascii: " ") && self.digits(bytes[12..<16]) != nil && bytes[16] == UInt8(ascii: " ")
            && self.timeOfDay(bytes[17..<25]) && self.matches(bytes[25...], " GMT")
    }

    /// `Sunday, 06-Nov-94 08:49:37 GMT`
    private static func isRFC850Date(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let name = self.longDayNames.first(where: { bytes.starts(with: $0) }) else { return false }
        let rest = bytes[name.count...]
        guard rest.count == 24 else { return false }
        let start = rest.startIndex
        return self.matches(rest[start..<(start + 2)], ", ") && self.day(rest[(start + 2)..<(start + 4)])
            && rest[start + 4] == UInt8(ascii: "-") && self.month(rest[(start + 5)..<(start + 8)])
            && rest[start + 8] == UInt8(ascii: "-") && self.digits(rest[(start + 9)..<(start + 11)]) != nil
            && rest[start + 11] == UInt8(ascii: " ") && self.timeOfDay(rest[(start + 12)..<(start + 20)])
            && self.matches(rest[(start + 20)...], " GMT")
    }

    /// `Sun Nov  6 08:49:37 1994` (a one-digit day after two spaces)
    private static func isAsctimeDate(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == 24 else { return false }
        let day = bytes[8] == UInt8(ascii: " ") ? self.digits(bytes[9..<10]) : self.digits(bytes[8..<10])
        return self.dayName(bytes[0..<3]) && bytes[3] == UInt8(ascii: " ")
            && self.month(bytes[4..<7]) && bytes[7] == UInt8(ascii: " ") && (1...31).contains(day ?? 0)
            && bytes[10] == UInt8(ascii: " ") && self.timeOfDay(bytes[11..<19]) && bytes[19] == UInt8(ascii: " ")
            && self.digits(bytes[20..<24]) != nil
    }

    private static func matches(_ bytes: Slice<UnsafeRawBufferPointer>, _ text: String) -> Bool {
        bytes.elementsEqual(text.utf8)
    }

    private static func dayName(_ bytes: Slice<UnsafeRawBufferPointer>) -> Bool {
        self.dayNames.contains { bytes.elementsEqual($0) }
    }

    private static func day(_ bytes: Slice<UnsafeRawBufferPointer>) -> Bool {
        (1...31).contains(self.digits(bytes) ?? 0)
    }

    private static func month(_ bytes: Slice<UnsafeRawBufferPointer>) -> Bool {
        self.monthNames.contains { bytes.elementsEqual($0) }
    }

    /// `08:49:37`
    private static func timeOfDay(_ bytes: Slice<UnsafeRawBufferPointer>) -> Bool {
        let start = bytes.startIndex
        guard let hour = self.digits(bytes[start..<(start + 2)]),
            let minute = self.digits(bytes[(start + 3)..<(start + 5)]),
            let second = self.digits(bytes[(start + 6)..<(start + 8)])
        else { return false }
        return bytes[start + 2] == UInt8(ascii: ":") && bytes[start + 5] == UInt8(ascii: ":") && hour < 24
            && minute < 60 && second <= 60
    }

    /// The number the bytes spell, when they are all ASCII digits.
    private static func digits(_ bytes: Slice<UnsafeRawBufferPointer>) -> Int? {
        var number = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            number = number * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return number
    }
}
