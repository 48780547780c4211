import Foundation
import Reports
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
