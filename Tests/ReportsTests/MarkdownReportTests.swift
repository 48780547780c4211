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
                of: "| Version | Status | Released | Deprecated | Sunset | Days left | Requests | Share |"
            )
        )
        #expect(self.lines[header + 1] == "|---|---|---|---|---|--:|--:|--:|")
        #expect(
            Array(self.lines[(header + 2)...(header + 4)]) == [
                "| v1 | deprecated | 2025-03-01 | 2026-09-01 | 2027-03-01 | 91 | 280 | 54.9% |",
                "| v2 | current | 2026-06-01 | - | - | - | 200 | 39.2% |",
                "| v3 | draft | - | - | - | - | 20 | 3.9% |",
            ]
        )
    }

    @Test func theAtRiskTableHasOneRowPerClientMostAtRiskFirst() throws {
        let header = try #require(
            self.lines.firstIndex(of: "| # | Client | Version | Days left | Requests | Breaking hits | Last seen |")
        )
        let rows = self.lines[(header + 2)...].prefix { $0.hasPrefix("| ") }
        #expect(rows.count == 6)
        #expect(rows.first == "| 1 | `acme-erp` | v1 | 91 | 150 | 150 | 2026-11-30T11:00:00Z |")
        #expect(rows.last == "| 6 | `preview-co` | v3 | - | 20 | 0 | 2026-11-20T11:00:00Z |")
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
