import ArgumentParser
import Clients
import Foundation
import Reports
import Store
import Versioning

/// `versiongate report …`: what the usage ledger knows.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report from the usage ledger.",
        subcommands: [ReportDeprecations.self]
    )
}

/// `versiongate report deprecations`: per version, its lifecycle and traffic; per deprecated or draft version, the
/// clients still calling it and the breaking changes their traffic depends on.
struct ReportDeprecations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deprecations",
        abstract: "Who still calls each deprecated version, how much, on which endpoints, and which changes hit them.",
        discussion: """
            Reads the ledger a gateway writes (--store, as given to serve) and the manifests in ./versions unless \
            --versions names another directory. JSON follows the versiongate.report/1 schema \
            (docs/report-schema.md). VERSIONGATE_NOW (RFC 3339) fixes the report's clock.
            """
    )

    @Option(help: "The usage ledger: sqlite:PATH or postgres://USER@HOST:PORT/DB.")
    var store = UsageOptions.defaultStore

    @OptionGroup var versionOptions: VersionOptions

    @Option(
        help: ArgumentHelp(
            "The window: the last N days (30d), weeks (4w), or since a day (2026-11-01).",
            valueName: "window"
        )
    )
    var since = "30d"

    @Option(help: "text, markdown, json or html.")
    var format: ReportFormat = .text

    @Option(help: "Write the report to FILE (whole, or not at all) instead of standard output.")
    var output: String?

    @Flag(help: "List the clients of every version, not only of deprecated, retired and draft ones.")
    var all = false

    @Option(
        name: .customLong("env"),
        help: ArgumentHelp(
            "Whose traffic: live (everyone but the registry's test clients) or test.",
            valueName: "live|test"
        )
    )
    var environment: ClientToken.Environment = .live

    func run() async throws {
        try await CommandFailure.reporting {
            let now = try ProcessClock.fromEnvironment()()
            let window = try ReportWindow(parsing: self.since, endingAt: now)
            let (catalog, _) = try self.versionOptions.load(default: .workingDirectory)
            let usage = try await LedgerReader.read(self.store, since: window.since, environment: self.environment)
            let report = DeprecationReport(
                catalog: catalog,
                usage: usage,
                now: now,
                window: window,
                includeAll: self.all
            )
            let rendered = report.rendered(as: self.format)
            guard let output = self.output else {
                try OutputFile.writeToStandardOutput(rendered)
                return
            }
            try OutputFile.write(rendered, to: output, naming: "the report")
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}

extension ReportWindow {
    /// `30d` (the last 30 days, today included), `4w` (28 days), or `2026-11-01` (that day to today).
    /// - Throws: a ``CommandFailure`` saying what a window looks like.
    init(parsing text: String, endingAt now: Instant) throws {
        let today = UsageDay(containing: now.secondsSinceEpoch)
        let longest = 3660
        if let unit = text.last, unit == "d" || unit == "w", let count = Int(text.dropLast()), count > 0,
            count <= longest, count * (unit == "w" ? 7 : 1) <= longest
        {
            self.init(days: count * (unit == "w" ? 7 : 1), endingAt: now)
        } else if let date = CalendarDate(text), date.daysSinceEpoch <= Int(today.daysSinceEpoch),
            Int(today.daysSinceEpoch) - date.daysSinceEpoch < longest
        {
            self.init(since: UsageDay(daysSinceEpoch: Int32(date.daysSinceEpoch)), until: today)
        } else {
            throw CommandFailure(
                message: "--since '\(text)' must be a number of days or weeks up to 10 years (30d, 4w) or a day in "
                    + "the last 10 years (2026-11-01)"
            )
        }
    }
}
