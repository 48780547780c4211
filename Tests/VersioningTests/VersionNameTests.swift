import Testing
import Versioning

@Suite struct VersionNameTests {
    @Test(arguments: [("v1", 1), ("v2", 2), ("v12", 12), ("v999999999", 999_999_999)])
    func numberedNamesParseToTheirNumber(text: String, number: Int) throws {
        let name = try #require(VersionName(text))
        #expect(name.scheme == .numbered)
        #expect(name.number == number)
        #expect(name.date == nil)
        #expect(name.description == text)
    }

    @Test(arguments: ["2024-06-20", "2024-02-29", "2000-02-29", "1999-12-31", "0001-01-01", "9999-12-31"])
    func datedNamesParseToTheirDay(text: String) throws {
        let name = try #require(VersionName(text))
        #expect(name.scheme == .dated)
        #expect(name.date == CalendarDate(text))
        #expect(name.number == nil)
        #expect(name.description == text)
    }

    @Test(arguments: [
        "", "v", "v0", "v01", "V1", "v1.0", "v-1", "v+1", " v1", "v1 ", "v1234567890", "1", "latest",
        "2024-13-01", "2024-00-10", "2024-06-00", "2024-02-30", "2023-02-29", "1900-02-29", "0000-01-01",
        "2024-6-1", "2024-06-1", "24-06-01", "2024/06/20", "2024-06-20T00:00:00Z", "v2024-06-20", "2024-06-20v1",
        "２０２４-06-20",
    ])
    func malformedNamesAreRefused(text: String) {
        #expect(VersionName(text) == nil)
    }

    @Test func aSubstringParsesLikeAString() {
        let header = "API-Version: 2024-06-20"
        let value = header[header.index(header.startIndex, offsetBy: 13)...]
        #expect(VersionName(value) == VersionName("2024-06-20"))
        #expect(VersionName("x v7".dropFirst(2)) == VersionName(number: 7))
    }

    @Test func numberedNamesOrderByNumber() throws {
        let names = try ["v10", "v2", "v9", "v1"].map { try #require(VersionName($0)) }
        #expect(names.sorted().map(\.description) == ["v1", "v2", "v9", "v10"])
    }

    @Test func datedNamesOrderChronologically() throws {
        let names = try ["2024-06-20", "2023-12-31", "2024-11-05", "2024-01-01", "2024-06-19"].map {
            try #require(VersionName($0))
        }
        #expect(
            names.sorted().map(\.description) == ["2023-12-31", "2024-01-01", "2024-06-19", "2024-06-20", "2024-11-05"]
        )
    }

    @Test func namesOfDifferentSchemesAreNeverEqualAndStillOrder() throws {
        let numbered = try #require(VersionName("v20240620"))
        let dated = try #require(VersionName("2024-06-20"))
        #expect(numbered != dated)
        #expect(numbered < dated)
        #expect(!(dated < numbered))
    }

    @Test func namesMadeFromTheirPartsEqualParsedOnes() throws {
        #expect(VersionName(number: 3) == VersionName("v3"))
        #expect(VersionName(number: 0) == nil)
        #expect(VersionName(date: try #require(CalendarDate("2024-06-20"))) == VersionName("2024-06-20"))
    }
}
