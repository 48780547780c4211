import Testing
import Versioning

@Suite struct InstantTests {
    @Test(arguments: [
        ("1994-11-06T08:49:37Z", Int64(784_111_777)), ("2026-05-04T11:00:00+02:00", Int64(1_777_885_200)),
        ("2026-05-04T09:00:00.250Z", Int64(1_777_885_200)), ("2026-05-03T23:00:00-10:00", Int64(1_777_885_200)),
        ("2016-12-31T23:59:60Z", Int64(1_483_228_799)),
    ])
    func rfc3339TimesAreRead(text: String, seconds: Int64) {
        #expect(Instant(rfc3339: text)?.secondsSinceEpoch == seconds)
    }

    @Test(arguments: [
        "2026-05-04", "2026-05-04T09:00:00", "2026-05-04 09:00:00Z", "2026-05-04T25:00:00Z", "2026-05-04T09:00:00+2:00",
        "2026-05-04T09:00:00Zjunk",
    ])
    func malformedTimesAreRejected(text: String) {
        #expect(Instant(rfc3339: text) == nil)
    }

    @Test func imfFixdateMatchesRFC9110sExample() {
        #expect(Instant(secondsSinceEpoch: 784_111_777).imfFixdate == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    /// RFC 8594's example reads "Sat, 31 Dec 2018 23:59:59 GMT", but that day was a Monday; the rest matches.
    @Test func sunsetDateMatchesRFC8594sExampleWithTheRightWeekday() {
        #expect(Instant(rfc3339: "2018-12-31T23:59:59Z")?.imfFixdate == "Mon, 31 Dec 2018 23:59:59 GMT")
    }

    @Test func deprecationDateMatchesRFC9745sExample() {
        #expect(Instant(secondsSinceEpoch: 1_688_169_599).structuredFieldDate == "@1688169599")
    }

    @Test func rfc3339RoundTrips() {
        #expect(Instant(rfc3339: "2026-05-04T09:08:07Z")?.rfc3339 == "2026-05-04T09:08:07Z")
        #expect(Instant(secondsSinceEpoch: -1).rfc3339 == "1969-12-31T23:59:59Z")
    }

    @Test func addingMonthsClampsToTheEndOfTheMonth() {
        let endOfJanuary = Instant(CalendarDate("2025-01-31")!)
        #expect(endOfJanuary.adding(months: 1).calendarDate == CalendarDate("2025-02-28"))
        #expect(endOfJanuary.adding(months: 12).calendarDate == CalendarDate("2026-01-31"))
        #expect(Instant(CalendarDate("2024-02-29")!).adding(months: 12).calendarDate == CalendarDate("2025-02-28"))
    }
}
