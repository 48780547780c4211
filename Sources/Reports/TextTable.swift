/// A plain-text table for a terminal: a header row, columns two spaces apart, numbers right-aligned, and no line
/// wider than the width it is laid out for, as long as the fixed columns fit it; cells too wide for their column end
/// in `…`.
struct TextTable {
    struct Column {
        enum Alignment {
            case left
            case right
        }

        var title: String
        var alignment: Alignment = .left
        /// The most characters the column takes.
        var maxWidth: Int = .max
        /// Whether the column takes at most what the others leave of the width (one column per table).
        var flexible = false
    }

    var columns: [Column]
    /// Cells in column order; already one line each (``ReportFormatting/oneLine(_:)``).
    var rows: [[String]]

    /// The header and the rows, each line at most `width` characters, trailing spaces removed.
    func lines(width: Int) -> [String] {
        var widths = self.columns.indices.map { index in
            min(
                self.columns[index].maxWidth,
                ([self.columns[index].title] + self.rows.map { $0[index] }).map(\.count).max() ?? 0
            )
        }
        if let flexible = self.columns.firstIndex(where: \.flexible) {
            let others = widths.reduce(0, +) - widths[flexible] + 2 * (self.columns.count - 1)
            widths[flexible] = max(1, min(widths[flexible], width - others))
        }
        return ([self.columns.map(\.title)] + self.rows).map { cells in
            let padded = cells.indices.map { index in
                let cell = ReportFormatting.truncated(cells[index], to: widths[index])
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return self.columns[index].alignment == .left ? cell + padding : padding + cell
            }
            var line = padded.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
