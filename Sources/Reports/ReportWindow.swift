import Store
import Versioning

/// The days a report covers: whole UTC days, both ends included, as the usage ledger keys its rows.
public struct ReportWindow: Sendable, Equatable {
    /// The first day of the window.
    public let since: UsageDay
    /// The last day of the window: usually today, the day the report is generated.
    public let until: UsageDay

    /// The days from `since` to `until`; a `since` after `until` gives the one day `until`.
    public init(since: UsageDay, until: UsageDay) {
        self.since = min(since, until)
        self.until = until
    }

    /// The last `days` days up to and including the day of `now` (`--since 30d`: 30 days, today the last of
    /// them); at least one day.
    public init(days: Int, endingAt now: Instant) {
        let today = UsageDay(containing: now.secondsSinceEpoch)
        self.init(since: today.adding(days: -Int32(clamping: max(days, 1) - 1)), until: today)
    }

    /// Every day of the window, oldest first.
    public var days: [UsageDay] {
        (self.since.daysSinceEpoch...self.until.daysSinceEpoch).map(UsageDay.init(daysSinceEpoch:))
    }

    /// How many days the window covers.
    public var dayCount: Int { Int(self.until.daysSinceEpoch) - Int(self.since.daysSinceEpoch) + 1 }

    /// Whether a ledger row of `day` counts in the report.
    public func contains(_ day: UsageDay) -> Bool { self.since <= day && day <= self.until }
}
