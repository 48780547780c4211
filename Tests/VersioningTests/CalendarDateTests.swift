import Testing
import Versioning

@Suite struct CalendarDateTests {
    @Test(arguments: [
        ("1970-01-01", Int64(0)), ("2000-03-01", Int64(951_868_800)), ("2026-11-23", Int64(1_795_392_000)),
        ("2024-02-29", Int64(1_709_164_800)),
    ])
    func secondsSinceEpochAreMidnightUTC(text: String, seconds: Int64) throws {
        #expect(try #require(CalendarDate(text)).secondsSinceEpoch == seconds)
    }

    @Test(arguments: ["2025-02-29", "2025-13-01", "2025-00-10", "2025-1-01", "25-01-01", "2025/01/01", "2025-01-01T00"])
    func impossibleOrMalformedDatesAreRejected(text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func datesOrderChronologically() {
        #expect(CalendarDate("2025-12-31")! < CalendarDate("2026-01-01")!)
        #expect(CalendarDate("2026-01-01")!.description == "2026-01-01")
    }

    @Test func versionNamesOrderByNumber() {
        #expect(VersionName("v9")! < VersionName("v10")!)
        #expect(VersionName("v10")?.description == "v10")
    }
}
