import Foundation
import Reports
import Store
import Testing

@Suite struct HTMLReportTests {
    private let html = ReportFixture.report().rendered(as: .html)

    @Test func itIsOneSelfContainedPageWithoutScripts() {
        #expect(self.html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(self.html.hasSuffix("</html>\n"))
        #expect(self.html.contains("<style>"))
        #expect(!self.html.contains("<script"))
        #expect(!self.html.contains("<link"))
        #expect(!self.html.contains("src="))
        #expect(!self.html.contains("href="))
    }

    @Test func theChartHasOneSeriesPerVersionWithAPointPerDay() throws {
        #expect(self.html.components(separatedBy: "<svg").count - 1 == 1)
        for version in ["v1", "v2", "v3"] {
            let series = try #require(
                self.html.components(separatedBy: "<g class=\"series\" data-version=\"\(version)\"").dropFirst().first
            )
            let group = try #require(series.components(separatedBy: "</g>").first)
            #expect(group.components(separatedBy: "<circle").count - 1 == 30)
            #expect(group.contains("<polyline"))
        }
        #expect(self.html.contains(">v1 (deprecated)</text>"))
        #expect(self.html.contains(">2026-11-01</text>"))
    }

    @Test func theAtRiskTableHasOneRowPerClient() {
        let rows = self.html.components(separatedBy: "<tr class=\"at-risk\"").dropFirst()
        #expect(rows.count == 6)
        #expect(rows.first?.hasPrefix(" data-client=\"acme-erp\" data-version=\"v1\">") == true)
    }

    @Test func hostileClientNamesRenderAsText() {
        let html = ReportFixture.hostileReport().rendered(as: .html)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>"))
        #expect(html.contains("data-client=\"evil&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""))
        #expect(!html.contains("\u{202E}"))
        #expect(
            html.components(separatedBy: "<tr class=\"at-risk\"").count - 1 == 6 + ReportFixture.hostileClients.count
        )
    }
}

@Suite struct HTMLLayoutTests {
    private let html = ReportFixture.report().rendered(as: .html)

    private func row(_ client: String, _ version: String, in html: String) throws -> String {
        let start = try #require(
            html.components(separatedBy: "<tr class=\"at-risk\" data-client=\"\(client)\" data-version=\"\(version)\">")
                .dropFirst().first
        )
        return try #require(start.components(separatedBy: "</tr>").first)
    }

    @Test func changesAreCompactIdsWithHitsAndATextLabelWhenBreaking() throws {
        let acme = try self.row("acme-erp", "v1", in: self.html)
        #expect(acme.contains("<code>po-supplier-id</code> ×150 <span class=\"tag\">breaking</span></li>"))
        #expect(acme.contains("<code>po-note</code> ×40</li>"))
        #expect(!acme.contains(">Purchase orders name their supplier in supplier_id."))
    }

    @Test func eachChangeSummaryIsShownOnceInTheLegendBelowTheTable() throws {
        let legend = try #require(self.html.components(separatedBy: "<h3>Changes</h3>").dropFirst().first)
        let rows = legend.components(separatedBy: "<tr data-change=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(rows == ["po-supplier-id", "vendors-are-suppliers", "po-note", "sync-is-syncs"])
        #expect(
            legend.contains(
                "<tr data-change=\"po-supplier-id\"><td class=\"id\"><code>po-supplier-id</code></td><td>v2</td>"
                    + "<td><span class=\"tag\">breaking</span></td><td class=\"number\">1</td>"
                    + "<td class=\"number\">150</td><td class=\"summary\">Purchase orders name their supplier in "
                    + "supplier_id.</td></tr>"
            )
        )
        #expect(self.html.components(separatedBy: ">Purchase orders name their supplier in supplier_id.<").count == 2)
        #expect(legend.contains("<td>compatible</td><td class=\"number\">1</td><td class=\"number\">30</td>"))
    }

    @Test func routesAndIdsNeverBreakMidWordAndWideTablesScroll() {
        #expect(self.html.contains("code { font: 12.5px ui-monospace"))
        #expect(self.html.contains("monospace; white-space: nowrap; }"))
        #expect(!self.html.contains("overflow-wrap: anywhere"))
        #expect(self.html.contains(".scroll { overflow-x: auto; }"))
        #expect(self.html.contains("<div class=\"scroll\">\n<table class=\"clients\">"))
    }

    @Test func eachVersionIsMarkedWithItsChartColourAndStatusPillsAreNeutral() {
        for (version, color) in [("v1", "#0072b2"), ("v2", "#d55e00"), ("v3", "#009e73")] {
            #expect(self.html.contains("<g class=\"series\" data-version=\"\(version)\" stroke=\"\(color)\""))
            #expect(
                self.html.contains(
                    "<tr data-version=\"\(version)\"><td><span class=\"swatch\" style=\"background: \(color)\" "
                        + "aria-hidden=\"true\"></span>\(version)</td>"
                )
            )
        }
        #expect(!self.html.contains(".status.deprecated, .status.retired { background"))
    }

    @Test func theLastDayIsMarkedPartialWhenItIsToday() {
        #expect(self.html.contains(">today so far</text>"))
        #expect(self.html.components(separatedBy: "<line class=\"partial\"").count - 1 == 3)
        let finished = DeprecationReport(
            catalog: ReportFixture.catalog,
            usage: ReportFixture.usage,
            now: ReportFixture.now,
            window: ReportWindow(since: ReportFixture.day("2026-11-01"), until: ReportFixture.day("2026-11-29"))
        ).rendered(as: .html)
        #expect(!finished.contains("today so far"))
        #expect(!finished.contains("class=\"partial\""))
    }

    @Test func aPublishedGuideIsALinkAndAnythingElseIsNot() {
        #expect(self.html.contains("<td class=\"guide\"><code>migration-guides/v1-to-v2.md</code></td>"))
        let published = OutcomeFixture.report(guideBaseURL: "https://docs.example.com/guides").rendered(as: .html)
        #expect(
            published.contains(
                "<td class=\"guide\"><a href=\"https://docs.example.com/guides/v1-to-v2\" "
                    + "title=\"https://docs.example.com/guides/v1-to-v2\">v1 → v2 guide</a></td>"
            )
        )
        let scripted = OutcomeFixture.report(guideBaseURL: "javascript:alert(1)//").rendered(as: .html)
        #expect(!scripted.contains("href="))
    }

    @Test func aBusyClientShowsItsFirstEndpointsAndFoldsTheRest() throws {
        let html = SunsetFixture.report().rendered(as: .html)
        let umbrella = try self.row("umbrella-warehouse", "v1", in: html)
        #expect(umbrella.components(separatedBy: "<li>").count - 1 == 6)
        #expect(umbrella.contains("<code>GET /work-orders/{id}</code> 67</li></ul><details><summary>2 more</summary>"))
    }

    @Test func statusClassesAndTheVersionChoiceShowInEachRow() throws {
        let html = OutcomeFixture.report().rendered(as: .html)
        let acme = try self.row("acme-erp", "v1", in: html)
        #expect(
            acme.contains(
                "<td class=\"requests\"><span class=\"total\">20</span><br><span class=\"classes\">"
                    + "<span class=\"class\">2xx 10</span> <span class=\"class zero\">3xx 0</span> "
                    + "<span class=\"class failed\">4xx 7</span> <span class=\"class failed\">5xx 2</span> "
                    + "<span class=\"class\">unknown 1</span></span></td>"
            )
        )
        #expect(acme.contains("<td class=\"choice\">named 14<br>by default 2<br>other 4</td>"))
        let beta = try self.row("beta-mobile", "v1", in: html)
        #expect(
            beta.contains(
                "<td class=\"choice\">named 0<br>by default 6<br>"
                    + "<span class=\"warning\">moves silently when the default changes</span></td>"
            )
        )
        let preview = try self.row("beta-mobile", "v3", in: html)
        #expect(
            preview.contains(
                "<td class=\"seen\"><time datetime=\"2026-11-30T10:26:16Z\" title=\"2026-11-30T10:26:16Z\">"
                    + "2026-11-30</time></td>"
            )
        )
        #expect(preview.contains("<span class=\"days-left\">no sunset</span>"))
    }

    @Test func theWordingCountsProperly() {
        let html = OutcomeFixture.report().rendered(as: .html)
        #expect(html.contains("<title>Deprecation report, 2026-11-30</title>"))
        #expect(html.contains("Window: <strong>2026-11-30</strong> (1 day, UTC)."))
        #expect(html.contains(" 32 requests in the window.</p>"))
        #expect(
            html.contains("<p>3 entries (2 clients) of draft, deprecated and retired versions, most at risk first.</p>")
        )
        #expect(!html.contains("class=\"notice\""))
    }

    @Test func anEmptyWindowSaysSo() {
        let html = OutcomeFixture.empty.rendered(as: .html)
        #expect(html.contains(" 0 requests in the window.</p>"))
        #expect(
            html.contains(
                "<p class=\"notice\" role=\"status\">No requests in this window: the ledger may not have been written "
                    + "yet, or the window is wrong.</p>"
            )
        )
        #expect(html.contains("<p>0 clients of draft, deprecated and retired versions.</p>"))
        #expect(!html.contains("<table class=\"clients\">"))
    }
}
