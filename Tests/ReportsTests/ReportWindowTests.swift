import Reports
import Store
import Testing
import Versioning

@Suite struct ReportWindowTests {
    @Test func theLastThirtyDaysEndToday() {
        let window = ReportWindow(days: 30, endingAt: Instant(rfc3339: "2026-11-30T23:59:59Z")!)
        #expect(window.since.description == "2026-11-01")
        #expect(window.until.description == "2026-11-30")
        #expect(window.dayCount == 30)
        #expect(window.days.count == 30)
        #expect(window.days.first == window.since)
        #expect(window.days.last == window.until)
    }

    @Test func bothEndsAreInsideTheWindow() {
        let window = ReportWindow(since: ReportFixture.day("2026-11-01"), until: ReportFixture.day("2026-11-30"))
        #expect(window.contains(ReportFixture.day("2026-11-01")))
        #expect(window.contains(ReportFixture.day("2026-11-30")))
        #expect(!window.contains(ReportFixture.day("2026-10-31")))
        #expect(!window.contains(ReportFixture.day("2026-12-01")))
    }

    @Test func aWindowIsAtLeastOneDay() {
        let today = Instant(rfc3339: "2026-11-30T12:00:00Z")!
        #expect(ReportWindow(days: 0, endingAt: today).dayCount == 1)
        let backwards = ReportWindow(since: ReportFixture.day("2026-12-05"), until: ReportFixture.day("2026-11-30"))
        #expect(backwards.since == backwards.until)
        #expect(backwards.days == [ReportFixture.day("2026-11-30")])
    }
}
