import Store
import Versioning

/// The report's daily requests as an inline SVG line chart: one series per version (a polyline, with a dot per
/// day when they fit), a y axis of requests per day with gridlines, a day axis with as many date labels as fit
/// without overlapping, and a legend naming each version and its status. When the last day is still going on, its
/// segment is dashed and marked "today so far", so that its drop does not read as clients leaving. Coordinates are
/// in SVG user units (about CSS px).
struct DailyRequestsChart {
    /// Series colours, in version order; distinct on white and for the common colour-vision deficiencies.
    private static let palette = [
        "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#7a5195", "#333333",
    ]
    private static let width = 960.0
    private static let plotHeight = 260.0
    private static let left = 72.0
    /// Room for half a day label right of the last day.
    private static let right = 40.0
    private static let legendRowHeight = 22.0
    /// Room for the day labels, a "today so far" note under the last one, and the axis title.
    private static let bottom = 62.0
    /// Room for one `YYYY-MM-DD` label at 11 px, with a gap.
    private static let dayLabelWidth = 84.0
    /// The closest days may be for their dots to read as dots rather than a thick line.
    private static let minimumDotSpacing = 12.0

    let versions: [VersionUsage]
    let daily: [DailyRequests]
    /// Whether the last day is today, its counts those of a day not over.
    var lastDayIsPartial = false

    /// The colour of the `index`th version's series (in catalog order): what the report's other tables mark the
    /// version with, so that a reader can match them to the chart.
    static func color(ofVersionAt index: Int) -> String { self.style(index).color }

    /// The `<svg>` element.
    var svg: String {
        let legend = self.legend
        let top = legend.height + 36
        let height = top + Self.plotHeight + Self.bottom
        let scale = YScale(peak: self.daily.flatMap(\.requests.values).max() ?? 0)
        var parts = [
            "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.width.svg) \(height.svg)\" "
                + "width=\"\(Self.width.svg)\" height=\"\(height.svg)\" role=\"img\" "
                + "aria-labelledby=\"chart-title\">",
            "<title id=\"chart-title\">Requests per day and version</title>",
        ]
        parts += legend.elements
        parts.append(self.text("Requests per day", x: Self.left, y: top - 10, anchor: "start", className: "axis-title"))
        parts += self.yAxis(scale, top: top)
        parts += self.dayAxis(top: top)
        for (index, version) in self.versions.enumerated() {
            parts += self.series(version, index: index, scale: scale, top: top)
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    private var plotWidth: Double { Self.width - Self.left - Self.right }

    /// The distance between two consecutive days; the whole plot for a single day.
    private var dayWidth: Double {
        self.daily.count > 1 ? self.plotWidth / Double(self.daily.count - 1) : self.plotWidth
    }

    /// The x of the `index`th day: the days spread edge to edge, a single day in the middle.
    private func x(_ index: Int) -> Double {
        guard self.daily.count > 1 else { return Self.left + self.plotWidth / 2 }
        return Self.left + self.plotWidth * Double(index) / Double(self.daily.count - 1)
    }

    private func y(_ value: Int64, scale: YScale, top: Double) -> Double {
        top + Self.plotHeight * (1 - Double(value) / Double(scale.top))
    }

    private func yAxis(_ scale: YScale, top: Double) -> [String] {
        stride(from: Int64(0), through: scale.top, by: Int(scale.step)).flatMap { tick in
            let y = self.y(tick, scale: scale, top: top)
            return [
                "<line class=\"grid\" x1=\"\(Self.left.svg)\" y1=\"\(y.svg)\" x2=\"\((Self.width - Self.right).svg)\" "
                    + "y2=\"\(y.svg)\"/>",
                self.text(ReportFormatting.count(tick), x: Self.left - 8, y: y + 4, anchor: "end", className: "tick"),
            ]
        }
    }

    /// The baseline, a tick for every day, and a label centred under every `step`th day from the first, `step`
    /// the fewest days apart that labels are at least ``dayLabelWidth`` apart.
    private func dayAxis(top: Double) -> [String] {
        let baseline = top + Self.plotHeight
        let step = max(1, Int((Self.dayLabelWidth / self.dayWidth).rounded(.up)))
        var parts = [
            "<line class=\"axis\" x1=\"\(Self.left.svg)\" y1=\"\(baseline.svg)\" "
                + "x2=\"\((Self.width - Self.right).svg)\" y2=\"\(baseline.svg)\"/>"
        ]
        for (index, day) in self.daily.enumerated() {
            let x = self.x(index)
            let labelled = index % step == 0
            parts.append(
                "<line class=\"axis\" x1=\"\(x.svg)\" y1=\"\(baseline.svg)\" x2=\"\(x.svg)\" "
                    + "y2=\"\((baseline + (labelled ? 6 : 3)).svg)\"/>"
            )
            if labelled {
                parts.append(self.text(day.day.description, x: x, y: baseline + 20, anchor: "middle", className: "day"))
            }
        }
        if self.lastDayIsPartial, let last = self.daily.indices.last {
            parts.append(
                // Under the last label, ending at its day; centred on a lone day, as its label is.
                self.text(
                    "today so far",
                    x: self.x(last),
                    y: baseline + 34,
                    anchor: self.daily.count > 1 ? "end" : "middle",
                    className: "partial"
                )
            )
        }
        parts.append(
            self.text(
                "Day (UTC)",
                x: Self.left + self.plotWidth / 2,
                y: baseline + 52,
                anchor: "middle",
                className: "axis-title"
            )
        )
        return parts
    }

    /// A polyline through the version's days, with a dot on each day when days are far enough apart to tell the
    /// dots apart (and always for a single day, which a line cannot show).
    private func series(_ version: VersionUsage, index: Int, scale: YScale, top: Double) -> [String] {
        let points = self.daily.enumerated().map { day, requests in
            (x: self.x(day), y: self.y(requests.requests[version.name] ?? 0, scale: scale, top: top))
        }
        let style = Self.style(index)
        // A partial last day gets a dashed segment of its own; the line up to the day before stays solid.
        let partial = self.lastDayIsPartial && points.count > 1
        let solid = partial ? points.dropLast() : points[...]
        var parts = [
            "<g class=\"series\" data-version=\"\(HTMLText.escaped(version.name.description))\" "
                + "stroke=\"\(style.color)\" fill=\"\(style.color)\">",
            "<polyline fill=\"none\" stroke-width=\"2\"\(style.dash) points=\""
                + solid.map { "\($0.x.svg),\($0.y.svg)" }.joined(separator: " ") + "\"/>",
        ]
        if partial, let last = points.last {
            let before = points[points.count - 2]
            parts.append(
                "<line class=\"partial\" x1=\"\(before.x.svg)\" y1=\"\(before.y.svg)\" x2=\"\(last.x.svg)\" "
                    + "y2=\"\(last.y.svg)\" stroke-width=\"2\" stroke-dasharray=\"3 3\"/>"
            )
        }
        if self.dayWidth >= Self.minimumDotSpacing {
            parts += solid.map { "<circle cx=\"\($0.x.svg)\" cy=\"\($0.y.svg)\" r=\"2.5\"/>" }
            // The partial day's dot is hollow: a count still growing.
            if partial, let last = points.last {
                parts.append("<circle cx=\"\(last.x.svg)\" cy=\"\(last.y.svg)\" r=\"2.5\" fill=\"#fff\"/>")
            }
        }
        parts.append("</g>")
        return parts
    }

    /// The `index`th series' colour, and past the palette's end a dash pattern, so that no two series look alike.
    private static func style(_ index: Int) -> (color: String, dash: String) {
        let dashes = ["", " stroke-dasharray=\"7 4\"", " stroke-dasharray=\"2 3\""]
        return (self.palette[index % self.palette.count], dashes[index / self.palette.count % dashes.count])
    }

    /// Legend items laid out left to right, wrapping into rows of the plot's width.
    private var legend: (elements: [String], height: Double) {
        var elements: [String] = []
        var x = Self.left
        var row = 0.0
        for (index, version) in self.versions.enumerated() {
            let label = "\(version.name) (\(version.status.rawValue))"
            // About 7 px a character at 12 px, plus the line sample and a gap.
            let itemWidth = Double(label.count) * 7 + 48
            if x + itemWidth > Self.width - Self.right, x > Self.left {
                x = Self.left
                row += 1
            }
            let y = 8 + row * Self.legendRowHeight
            let style = Self.style(index)
            elements += [
                "<g class=\"legend-item\" data-version=\"\(HTMLText.escaped(version.name.description))\">",
                "<line x1=\"\(x.svg)\" y1=\"\((y + 7).svg)\" x2=\"\((x + 22).svg)\" y2=\"\((y + 7).svg)\" "
                    + "stroke=\"\(style.color)\" stroke-width=\"3\"\(style.dash)/>",
                self.text(label, x: x + 28, y: y + 12, anchor: "start", className: "legend"),
                "</g>",
            ]
            x += itemWidth
        }
        return (elements, (row + 1) * Self.legendRowHeight)
    }

    private func text(_ content: String, x: Double, y: Double, anchor: String, className: String) -> String {
        "<text class=\"\(className)\" x=\"\(x.svg)\" y=\"\(y.svg)\" text-anchor=\"\(anchor)\">"
            + "\(HTMLText.escaped(content))</text>"
    }
}

/// The y axis's range: from 0 to a round `top` at or above the peak, in ticks of a round `step` (1, 2 or 5 times
/// a power of ten, about four of them).
private struct YScale {
    let step: Int64
    let top: Int64

    init(peak: Int64) {
        var step: Int64 = 1
        while step * 4 < peak {
            let digits = String(step)
            step = digits.hasPrefix("2") ? step / 2 * 5 : step * 2
        }
        self.step = step
        self.top = max(step, (peak + step - 1) / step * step)
    }
}

extension Double {
    /// A coordinate (never negative) with at most one decimal (`12.5`, `40`): short, and the same on every
    /// platform.
    fileprivate var svg: String {
        let tenths = Int((self * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}
