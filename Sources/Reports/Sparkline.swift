/// Counts drawn as one line of block characters, for a terminal: `·` for none, `▁` to `█` up to the line's peak.
struct Sparkline {
    private static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One value per column: consecutive counts summed, ``countsPerColumn(count:width:)`` of them a column.
    let columns: [Int64]

    /// `counts` in at most `width` columns (a width below 1 counts as 1).
    init(_ counts: [Int64], width: Int) {
        let perColumn = Self.countsPerColumn(count: counts.count, width: width)
        self.columns = stride(from: 0, to: counts.count, by: perColumn).map { start in
            counts[start..<min(start + perColumn, counts.count)].reduce(0, +)
        }
    }

    /// The fewest counts a column must sum to fit `count` counts in `width` columns.
    static func countsPerColumn(count: Int, width: Int) -> Int {
        max(1, (count + max(width, 1) - 1) / max(width, 1))
    }

    /// The largest column.
    var peak: Int64 { self.columns.max() ?? 0 }

    /// The line: each column's level is its share of the peak, rounded up so that a small count still shows.
    var line: String {
        let peak = self.peak
        return String(
            self.columns.map { value in
                guard value > 0 else { return "·" }
                let level = Int((Double(value) / Double(peak) * Double(Self.levels.count)).rounded(.up))
                return Self.levels[min(max(level, 1), Self.levels.count) - 1]
            }
        )
    }
}
