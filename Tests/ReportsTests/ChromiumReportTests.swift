import Foundation
import Reports
import Testing

/// The HTML report as a browser reads it: Chromium parses the page and dumps its DOM. Runs when
/// `VERSIONGATE_TEST_CHROMIUM` names a Chromium binary (`VERSIONGATE_TEST_CHROMIUM=/usr/bin/chromium`).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["VERSIONGATE_TEST_CHROMIUM"] != nil))
struct ChromiumReportTests {
    @Test(.timeLimit(.minutes(1))) func theBrowserSeesTheChartAndOneRowPerClientAtRisk() throws {
        let report = ReportFixture.hostileReport()
        let dom = try Self.dumpDOM(of: report.rendered(as: .html))
        #expect(dom.components(separatedBy: "<svg").count - 1 == 1)
        for version in report.versions {
            #expect(dom.contains("<g class=\"series\" data-version=\"\(version.name)\""))
        }
        let rows = dom.components(separatedBy: "<tr class=\"at-risk\"").count - 1
        #expect(rows == report.atRisk.count)
        #expect(!dom.contains("<script"))
        #expect(!dom.contains("<img"))
        #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test(.timeLimit(.minutes(1))) func theBrowserSeesAMonthOfTenClientsWithOneLegendRowPerChange() throws {
        let report = SunsetFixture.report(guideBaseURL: "https://docs.example.com/guides")
        let dom = try Self.dumpDOM(of: report.rendered(as: .html))
        #expect(dom.components(separatedBy: "<tr class=\"at-risk\"").count - 1 == 11)
        #expect(dom.components(separatedBy: "<tr data-change=").count - 1 == 5)
        #expect(dom.contains("<summary>2 more</summary>"))
        #expect(dom.contains(">today so far</text>"))
        #expect(dom.contains("<a href=\"https://docs.example.com/guides/v1-to-v2\""))
        #expect(dom.components(separatedBy: "<span class=\"warning\">").count - 1 == 2)
    }

    /// Chromium's serialisation of the page's DOM after loading it from a temporary file; the browser is killed
    /// when it takes longer than 45 seconds.
    private static func dumpDOM(of html: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("report.html")
        try Data(html.utf8).write(to: page)
        let output = directory.appendingPathComponent("dom.html")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.environment["VERSIONGATE_TEST_CHROMIUM"]!)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(directory.path)/profile",
            "--dump-dom", page.absoluteString,
        ]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        if exited.wait(timeout: .now() + 45) == .timedOut {
            process.terminate()
            Issue.record("chromium did not finish in 45 seconds")
        }
        return try String(contentsOf: output, encoding: .utf8)
    }
}
