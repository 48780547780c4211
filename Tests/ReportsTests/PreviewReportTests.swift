import Reports
import Store
import Testing
import Versioning

/// Shadow previews in the deprecation report: a client that previewed the successor says so in every format;
/// translations, which are the gateway's doing, are not previews.
@Suite struct PreviewReportTests {
    private static func evaluation(
        _ day: String,
        _ client: String,
        evaluated: String,
        via: String,
        count: Int64
    ) -> (EvaluationUsage, UsageTally) {
        let row = EvaluationUsage(
            day: ReportFixture.day(day),
            client: client,
            servedVersion: "v1",
            evaluatedVersion: evaluated,
            via: via
        )
        return (
            row,
            UsageTally(
                count: count,
                firstSeen: ReportFixture.at("\(day)T09:00:00Z"),
                lastSeen: ReportFixture.at("\(day)T09:30:00Z")
            )
        )
    }

    private let report: DeprecationReport = {
        var usage = ReportFixture.usage
        usage.evaluations = Dictionary(
            uniqueKeysWithValues: [
                evaluation("2026-11-20", "acme-erp", evaluated: "v2", via: "preview", count: 12),
                evaluation("2026-11-21", "acme-erp", evaluated: "v3", via: "preview", count: 2),
                evaluation("2026-11-20", "acme-erp", evaluated: "v2", via: "translation", count: 100),
                evaluation("2026-10-20", "acme-erp", evaluated: "v2", via: "preview", count: 1000),
            ]
        )
        return DeprecationReport(
            catalog: ReportFixture.catalog,
            usage: usage,
            now: ReportFixture.now,
            window: ReportFixture.window
        )
    }()

    @Test func aClientsPreviewsInTheWindowAreCountedPerVersion() throws {
        let acme = try #require(self.report.atRisk.first { $0.client == "acme-erp" })
        #expect(acme.previews == [PreviewUsage(version: "v2", requests: 12), PreviewUsage(version: "v3", requests: 2)])
        #expect(self.report.atRisk.filter { $0.client != "acme-erp" }.allSatisfy { $0.previews.isEmpty })
    }

    @Test(arguments: [ReportFormat.text, .markdown, .html])
    func everyHumanFormatSaysWhatTheClientPreviewed(format: ReportFormat) {
        let rendered = self.report.rendered(as: format)
        #expect(rendered.contains("previewed v2 12"), "\(format)")
        #expect(rendered.contains("previewed v3 2"), "\(format)")
    }

    @Test func jsonListsThePreviewsOfEachClient() {
        let json = self.report.rendered(as: .json)
        #expect(
            json.contains(
                #""previews": [\#n        {\#n          "version": "v2",\#n          "requests": 12\#n        },"#
            )
        )
    }
}
