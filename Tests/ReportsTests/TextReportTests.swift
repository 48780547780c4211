import Reports
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
        #expect(
            lines[header - 1] == "AT RISK (6 clients of draft, deprecated and retired versions, most at risk first)"
        )
        let clients = lines[(header + 1)...(header + 6)].map { $0.split(separator: " ")[1] }
        #expect(clients == ["acme-erp", "beta-mobile", "zeta", "aardvark", "gamma", "preview-co"])
        #expect(lines[header + 1] == "1  acme-erp     v1              91       150            150  2026-11-30")
    }

    @Test func eachClientListsItsEndpointsAndTheChangesItFired() {
        let text = ReportFixture.report().rendered(as: .text)
        #expect(text.contains("1. acme-erp on v1 (deprecated, 91 days left)\n"))
        #expect(
            text.contains(
                "   150 requests, first seen 2026-11-01T08:00:00Z, last seen 2026-11-30T11:00:00Z\n"
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
}
