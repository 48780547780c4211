extension BinaryInteger {
    /// The number with its digits grouped by thousands, for people to read: `1234567` as `1,234,567`.
    public var groupedByThousands: String {
        let digits = String(self.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return self < 0 ? "-" + grouped : grouped
    }
}
