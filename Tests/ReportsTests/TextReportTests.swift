import Reports
import Store
import Testing

@Suite struct TextReportTests {
    @Test func noLineIsWiderThanAHundredColumns() {
        let text = ReportFixture.hostileReport().rendered(as: .text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            #expect(line.count <= 100, "\(line.count) columns: \(line)")
        }
        #expect(text.contains("client-xxxxxxxx"))
        #expect(text.contains("…"))
    }

    @Test func aLineBreakOrDirectionOverrideInAClientNameStaysOnItsLine() {
        let text = ReportFixture.hostileReport().rendered(as: .text)
        #expect(text.contains("line\u{FFFD}break\u{FFFD}reversed"))
        #expect(!text.contains("\u{202E}"))
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("break") })
    }

    @Test func theVersionsTableGivesDatesDaysLeftRequestsAndShares() {
        let lines = ReportFixture.report().rendered(as: .text).split(separator: "\n").map(String.init)
        #expect(lines[0] == "VersionGate deprecation report")
        #expect(lines[1] == "Window: 2026-11-01 to 2026-11-30 (30 days, UTC); generated 2026-11-30T12:00:00Z")
        #expect(lines[2] == "Requests in the window: 510")
        #expect(
            lines.contains("v1       deprecated  2025-03-01  2026-09-01  2027-03-01         91       280  54.9%")
        )
        #expect(lines.contains("v2       current     2026-06-01  -           -                   -       200  39.2%"))
        #expect(lines.contains("v3       draft       -           -           -                   -        20   3.9%"))
    }

    @Test func theAtRiskTableListsClientsMostAtRiskFirst() throws {
        let lines = ReportFixture.report().rendered(as: .text).split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("#  CLIENT") })
        #expect(lines[header - 1] == "AT RISK: 6 clients of draft, deprecated and retired versions")
        #expect(
            lines[header]
                == "#  CLIENT       VERSION  DAYS LEFT  REQUESTS  4XX  5XX  DEFAULT  BREAKING HITS  LAST SEEN"
        )
        let clients = lines[(header + 1)...(header + 6)].map { $0.split(separator: " ")[1] }
        #expect(clients == ["acme-erp", "beta-mobile", "zeta", "aardvark", "gamma", "preview-co"])
        #expect(
            lines[header + 1]
                == "1  acme-erp     v1              91       150    0    0        0            150  2026-11-30"
        )
        #expect(
            lines[header + 7]
                == "Most at risk first. 4XX, 5XX: requests refused or failed; DEFAULT: requests that named no version."
        )
    }

    @Test func eachClientListsItsEndpointsAndTheChangesItFired() {
        let text = ReportFixture.report().rendered(as: .text)
        #expect(text.contains("1. acme-erp on v1 (deprecated, 91 days left)\n"))
        #expect(
            text.contains(
                "   150 requests, seen from 2026-11-01T08:00:00Z to 2026-11-30T11:00:00Z\n"
                    + "   Status classes: 2xx 150 · 3xx 0 · 4xx 0 · 5xx 0\n"
                    + "   Version chosen: named 150 · by default 0\n"
                    + "   Migration guide: migration-guides/v1-to-v2.md\n"
            )
        )
        #expect(text.contains("   GET     /purchase-orders            100\n"))
        #expect(
            text.contains("   v2 po-supplier-id  yes        150  Purchase orders name their supplier in supplier_id.\n")
        )
        #expect(text.contains("   v2 sync-is-syncs  no          30  (no longer declared)\n"))
        #expect(text.contains("\n6. preview-co on v3 (draft, no sunset)\n"))
    }

    @Test func theDailyTrendShowsEachVersionScaledToItsPeak() {
        let lines = ReportFixture.report().rendered(as: .text).split(separator: "\n").map(String.init)
        let v2 = lines.first { $0.hasPrefix("v2  ") && $0.contains("peak") }
        #expect(v2 == "v2          ·········█····················  peak 200")
    }

    @Test func theSunsetOfAMonthOfTenClientsStaysWithinAHundredColumns() {
        let text = SunsetFixture.report(guideBaseURL: "https://docs.example.com/api/guides").rendered(as: .text)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(line.count <= 100, "\(line.count) columns: \(line)")
        }
        #expect(text.contains("\nAT RISK: 11 entries (10 clients) of draft, deprecated and retired versions\n"))
        #expect(text.contains("   Migration guide: https://docs.example.com/api/guides/v1-to-v2\n"))
    }
}

@Suite struct TextOutcomeTests {
    private let lines = OutcomeFixture.report().rendered(as: .text).split(separator: "\n").map(String.init)

    @Test func aOneDayWindowIsOneDayAndNamedOnce() {
        #expect(self.lines[1] == "Window: 2026-11-30 (1 day, UTC); generated 2026-11-30T12:00:00Z")
        #expect(self.lines.contains { $0.hasPrefix("DAILY REQUESTS (2026-11-30, one column a day") })
    }

    @Test func eachVersionHasItsRequestsByStatusClassWithAnUnknownColumnWhenNeeded() throws {
        let header = try #require(self.lines.firstIndex(of: "REQUESTS BY STATUS CLASS"))
        #expect(
            Array(self.lines[(header + 1)...(header + 4)]) == [
                "VERSION  2XX  3XX  4XX  5XX  UNKNOWN",
                "v1        16    0    7    2        1",
                "v2         5    0    0    0        0",
                "v3         1    0    0    0        0",
            ]
        )
    }

    @Test func theAtRiskTableCountsEntriesAndClientsAndShowsRefusalsAndDefaults() throws {
        let header = try #require(self.lines.firstIndex { $0.hasPrefix("#  CLIENT") })
        #expect(self.lines[header - 1] == "AT RISK: 3 entries (2 clients) of draft, deprecated and retired versions")
        #expect(
            Array(self.lines[(header + 1)...(header + 3)]) == [
                "1  acme-erp     v1              91        20    7    2        2              0  2026-11-30",
                "2  beta-mobile  v1              91         6    0    0        6              0  2026-11-30",
                "3  beta-mobile  v3               -         1    0    0        0              0  2026-11-30",
            ]
        )
    }

    @Test func eachEntryDetailsItsStatusClassesAndHowItChoseItsVersion() {
        let text = self.lines.joined(separator: "\n")
        let acme = [
            "1. acme-erp on v1 (deprecated, 91 days left)",
            "   20 requests, seen from 2026-11-30T08:00:00Z to 2026-11-30T11:00:00Z",
            "   Status classes: 2xx 10 · 3xx 0 · 4xx 7 · 5xx 2 · unknown 1",
            "   Version chosen: named 14 · by default 2 · other 4",
            "   Migration guide: migration-guides/v1-to-v2.md",
        ]
        #expect(text.contains(acme.joined(separator: "\n")))
        #expect(
            text.contains(
                "   Version chosen: named 0 · by default 6\n"
                    + "   Only by default: it moves silently when the default changes.\n"
            )
        )
        #expect(text.contains("3. beta-mobile on v3 (draft, no sunset)\n   1 request, seen at 2026-11-30T10:26:16Z\n"))
        #expect(self.lines.filter { $0.contains("moves silently") }.count == 1)
    }

    @Test func anEmptyWindowSaysSoRatherThanLookingLikeAnAllClear() {
        let lines = OutcomeFixture.empty.rendered(as: .text).split(separator: "\n").map(String.init)
        #expect(
            Array(lines[1...3]) == [
                "Window: 2026-11-30 (1 day, UTC); generated 2026-11-30T12:00:00Z",
                "Requests in the window: 0",
                "No requests in this window: the ledger may not have been written yet, or the window is wrong.",
            ]
        )
        #expect(
            lines.suffix(2) == [
                "AT RISK: 0 clients of draft, deprecated and retired versions", "No client in the window.",
            ]
        )
        #expect(!self.lines.contains { $0.hasPrefix("No requests in this window") })
    }

    @Test func aLongStatusLineWrapsAtAPartRatherThanPassingAHundredColumns() throws {
        var usage = UsageBatch()
        for statusClass in 0...5 {
            let row = RequestUsage(
                day: ReportFixture.day("2026-11-30"),
                client: "busy",
                requestedVersion: "v1",
                servedVersion: "v1",
                method: "GET",
                route: "/purchase-orders",
                statusClass: statusClass
            )
            usage.requests[row] = UsageTally(count: 12_345_678, firstSeen: 0, lastSeen: 0)
        }
        let report = DeprecationReport(
            catalog: ReportFixture.catalog,
            usage: usage,
            now: ReportFixture.now,
            window: OutcomeFixture.window
        )
        let lines = report.rendered(as: .text).split(separator: "\n").map(String.init)
        for line in lines {
            #expect(line.count <= 100, "\(line.count) columns: \(line)")
        }
        let status = try #require(lines.firstIndex { $0.hasPrefix("   Status classes: ") })
        #expect(
            Array(lines[status...(status + 1)]) == [
                "   Status classes: 1xx 12,345,678 · 2xx 12,345,678 · 3xx 12,345,678 · 4xx 12,345,678",
                "                   5xx 12,345,678 · unknown 12,345,678",
            ]
        )
    }
}
