import Reports
import Testing

@Suite struct MarkdownReportTests {
    private let lines = ReportFixture.report().rendered(as: .markdown).split(separator: "\n").map(String.init)

    @Test func itHasHeadingsForTheReportVersionsAndClientsAtRisk() {
        #expect(self.lines.first == "# Deprecation report")
        #expect(self.lines.contains("## Versions"))
        #expect(self.lines.contains("## At risk"))
        #expect(self.lines.contains("### 1. `acme-erp` on v1"))
    }

    @Test func theVersionsTableHasOneRowPerVersion() throws {
        let header = try #require(
            self.lines.firstIndex(
                of:
                    "| Version | Status | Released | Deprecated | Sunset | Days left | Requests | Share | Status classes |"
            )
        )
        #expect(self.lines[header + 1] == "|---|---|---|---|---|--:|--:|--:|---|")
        #expect(
            Array(self.lines[(header + 2)...(header + 4)]) == [
                "| v1 | deprecated | 2025-03-01 | 2026-09-01 | 2027-03-01 | 91 | 280 | 54.9% | 2xx 280 · 3xx 0 · 4xx 0 · 5xx 0 |",
                "| v2 | current | 2026-06-01 | - | - | - | 200 | 39.2% | 2xx 200 · 3xx 0 · 4xx 0 · 5xx 0 |",
                "| v3 | draft | - | - | - | - | 20 | 3.9% | 2xx 20 · 3xx 0 · 4xx 0 · 5xx 0 |",
            ]
        )
    }

    @Test func theAtRiskTableHasOneRowPerClientMostAtRiskFirst() throws {
        let header = try #require(
            self.lines.firstIndex(
                of: "| # | Client | Version | Days left | Requests | Status classes | Named | By default "
                    + "| Breaking hits | Last seen |"
            )
        )
        #expect(self.lines[header - 1] == "6 clients of draft, deprecated and retired versions, most at risk first.")
        let rows = self.lines[(header + 2)...].prefix { $0.hasPrefix("| ") }
        #expect(rows.count == 6)
        #expect(
            rows.first
                == "| 1 | `acme-erp` | v1 | 91 | 150 | 2xx 150 · 3xx 0 · 4xx 0 · 5xx 0 | 150 | 0 | 150 | 2026-11-30T11:00:00Z |"
        )
        #expect(
            rows.last
                == "| 6 | `preview-co` | v3 | - | 20 | 2xx 20 · 3xx 0 · 4xx 0 · 5xx 0 | 20 | 0 | 0 | 2026-11-20T11:00:00Z |"
        )
    }

    @Test func eachClientHasItsEndpointAndChangeTables() {
        #expect(self.lines.contains("| `GET` | `/purchase-orders` | 100 |"))
        #expect(
            self.lines.contains(
                "| `v2 po-supplier-id` | yes | 150 | Purchase orders name their supplier in supplier_id. |"
            )
        )
        #expect(self.lines.contains("| `v2 sync-is-syncs` | no | 30 | (no longer declared) |"))
        #expect(self.lines.contains { $0.contains("Migration guide: `migration-guides/v1-to-v2.md`.") })
    }

    @Test func hostileClientNamesAreCodeSpansThatCannotBreakTheTable() {
        let markdown = ReportFixture.hostileReport().rendered(as: .markdown)
        #expect(markdown.contains("| `<script>alert(1)</script>` |"))
        #expect(markdown.contains("| `` pipe\\|and`tick` `` |"))
        #expect(markdown.contains("`line\u{FFFD}break\u{FFFD}reversed`"))
        for line in markdown.split(separator: "\n") where line.hasPrefix("| ") && line.contains("DELETE") {
            // Method, route, requests: three cells, whatever the route holds.
            #expect(line.split(separator: " | ").count == 3)
        }
    }
}

@Suite struct MarkdownOutcomeTests {
    private let lines = OutcomeFixture.report().rendered(as: .markdown).split(separator: "\n").map(String.init)

    @Test func aOneDayWindowIsNamedOnceAndItsCountsAgree() {
        #expect(
            self.lines[1]
                == "Window: **2026-11-30** (1 day, UTC). Generated 2026-11-30T12:00:00Z. 32 requests in the window."
        )
        #expect(
            self.lines.contains("3 entries (2 clients) of draft, deprecated and retired versions, most at risk first.")
        )
    }

    @Test func entriesShowStatusClassesAndHowTheyChoseTheirVersion() {
        #expect(
            self.lines.contains(
                "| 1 | `acme-erp` | v1 | 91 | 20 | 2xx 10 · 3xx 0 · 4xx 7 · 5xx 2 · unknown 1 | 14 | 2 | 0 "
                    + "| 2026-11-30T11:00:00Z |"
            )
        )
        #expect(
            self.lines.contains(
                "6 requests at 2026-11-30T09:00:00Z; deprecated, 91 days left. Status classes: 2xx 6 · 3xx 0 · 4xx 0 "
                    + "· 5xx 0. Version chosen: named 0 · by default 6 (moves silently when the default changes). "
                    + "Migration guide: `migration-guides/v1-to-v2.md`."
            )
        )
        #expect(
            self.lines.contains(
                "1 request at 2026-11-30T10:26:16Z; draft, no sunset. Status classes: 2xx 1 · 3xx 0 · 4xx 0 · 5xx 0. "
                    + "Version chosen: named 1 · by default 0."
            )
        )
    }

    @Test func aPublishedGuideIsALink() {
        let markdown = OutcomeFixture.report(guideBaseURL: "https://docs.example.com/guides").rendered(as: .markdown)
        #expect(markdown.contains(" Migration guide: <https://docs.example.com/guides/v1-to-v2>.\n"))
    }

    @Test func anEmptyWindowSaysSo() {
        let lines = OutcomeFixture.empty.rendered(as: .markdown).split(separator: "\n").map(String.init)
        #expect(
            lines[1] == "Window: **2026-11-30** (1 day, UTC). Generated 2026-11-30T12:00:00Z. 0 requests in the window."
        )
        #expect(
            lines[2]
                == "> **No requests in this window: the ledger may not have been written yet, or the window is wrong.**"
        )
        #expect(!self.lines.contains { $0.contains("No requests in this window") })
    }
}
