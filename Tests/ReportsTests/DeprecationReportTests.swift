import Reports
import Store
import Testing
import Versioning

@Suite struct DeprecationReportTests {
    private let report = ReportFixture.report()

    @Test func everyVersionIsListedInChainOrderWithItsStatusAndDates() {
        #expect(self.report.versions.map(\.name.description) == ["v1", "v2", "v3"])
        #expect(self.report.versions.map(\.status) == [.deprecated, .current, .draft])
        let v1 = self.report.versions[0]
        #expect(v1.released == CalendarDate("2025-03-01"))
        #expect(v1.deprecated == CalendarDate("2026-09-01"))
        #expect(v1.sunset == CalendarDate("2027-03-01"))
        #expect(v1.migrationGuide == "migration-guides/v1-to-v2.md")
        #expect(self.report.versions[2].migrationGuide == nil)
    }

    @Test func daysLeftCountWholeDaysToTheSunsetAndNeverGoNegative() {
        #expect(self.report.versions.map(\.daysLeft) == [91, nil, nil])
        let onTheEve = ReportFixture.report(at: Instant(rfc3339: "2027-02-28T23:59:59Z")!)
        #expect(onTheEve.versions[0].daysLeft == 1)
        #expect(onTheEve.versions[0].status == .deprecated)
        let afterwards = ReportFixture.report(at: Instant(rfc3339: "2027-04-15T00:00:00Z")!)
        #expect(afterwards.versions[0].daysLeft == 0)
        #expect(afterwards.versions[0].status == .retired)
    }

    @Test func requestsAndSharesCountTheServedVersionInsideTheWindowOnly() {
        #expect(self.report.totalRequests == 510)
        #expect(self.report.versions.map(\.requests) == [280, 200, 20])
        let shares: [Double] = [280.0 / 510, 200.0 / 510, 20.0 / 510]
        #expect(self.report.versions.map(\.share) == shares)
    }

    @Test func anEmptyWindowHasNoSharesRatherThanDividingByZero() {
        let report = DeprecationReport(
            catalog: ReportFixture.catalog,
            usage: UsageBatch(),
            now: ReportFixture.now,
            window: ReportFixture.window
        )
        #expect(report.totalRequests == 0)
        #expect(report.versions.map(\.share) == [0, 0, 0])
        #expect(report.atRisk.isEmpty)
    }

    @Test func atRiskClientsAreThoseOfDeprecatedAndDraftVersionsMostAtRiskFirst() {
        #expect(
            self.report.atRisk.map { "\($0.client)@\($0.version)" } == [
                "acme-erp@v1",  // the most breaking-change hits
                "beta-mobile@v1",  // fewer hits
                "zeta@v1",  // no hits, 91 days left, more requests
                "aardvark@v1",  // no hits, 91 days left, 30 requests: by name
                "gamma@v1",
                "preview-co@v3",  // no hits, no sunset
            ]
        )
        #expect(self.report.atRisk.map(\.breakingHits) == [150, 30, 0, 0, 0, 0])
        #expect(self.report.atRisk.map(\.daysLeft) == [91, 91, 91, 91, 91, nil])
        #expect(!self.report.includesAllVersions)
    }

    @Test func includingAllListsTheClientsOfEveryVersion() {
        let report = ReportFixture.report(includeAll: true)
        #expect(
            report.atRisk.map(\.client) == [
                "acme-erp", "beta-mobile", "zeta", "aardvark", "gamma", "delta", "preview-co",
            ]
        )
        #expect(report.includesAllVersions)
    }

    @Test func aVersionWhoseDeprecationIsStillAheadIsActiveAndPutsNobodyAtRisk() {
        let report = ReportFixture.report(at: Instant(rfc3339: "2026-08-31T23:59:59Z")!)
        #expect(report.versions.map(\.status) == [.active, .current, .draft])
        #expect(report.atRisk.map(\.client) == ["preview-co"])
    }

    @Test func aClientRowSumsItsEndpointsAndTheChangesItsTrafficFiredInTheWindow() throws {
        let acme = try #require(self.report.atRisk.first)
        #expect(acme.requests == 150)
        #expect(acme.firstSeen == Instant(rfc3339: "2026-11-01T08:00:00Z"))
        #expect(acme.lastSeen == Instant(rfc3339: "2026-11-30T11:00:00Z"))
        #expect(acme.status == .deprecated)
        #expect(
            acme.endpoints.map { "\($0.method) \($0.route) \($0.requests)" } == [
                "GET /purchase-orders 100", "GET /purchase-orders/{id} 50",
            ]
        )
        #expect(
            acme.changes.map { "\($0.changeVersion) \($0.changeID) \($0.breaking) \($0.count)" } == [
                "v2 po-supplier-id true 150", "v2 po-note false 40",
            ]
        )
        #expect(acme.changes[0].summary == "Purchase orders name their supplier in supplier_id.")
    }

    @Test func aChangeTheCatalogNoLongerDeclaresStillShows() throws {
        let gamma = try #require(self.report.atRisk.first { $0.client == "gamma" })
        let change = try #require(gamma.changes.first)
        #expect(change.changeID == "sync-is-syncs")
        #expect(change.summary == "(no longer declared)")
        #expect(!change.declared)
        #expect(!change.breaking)
        #expect(change.count == 30)
    }

    @Test func everyDayOfTheWindowHasItsRequestsPerVersionZeroFilled() throws {
        #expect(self.report.daily.count == 30)
        #expect(self.report.daily.first?.day.description == "2026-11-01")
        #expect(self.report.daily.last?.day.description == "2026-11-30")
        let v1 = try #require(VersionName("v1"))
        let v2 = try #require(VersionName("v2"))
        let byDay = Dictionary(uniqueKeysWithValues: self.report.daily.map { ($0.day.description, $0.requests) })
        #expect(byDay["2026-11-01"] == [v1: 100, v2: 0, VersionName("v3")!: 0])
        #expect(byDay["2026-11-15"]?[v1] == 60)
        #expect(byDay["2026-11-02"] == [v1: 0, v2: 0, VersionName("v3")!: 0])
        #expect(self.report.daily.reduce(0) { $0 + ($1.requests[v1] ?? 0) } == 280)
    }

    @Test func theSameRowsGiveTheSameReportWhateverTheirOrder() {
        let reversed = UsageBatch(
            requests: Dictionary(uniqueKeysWithValues: ReportFixture.requestRows.reversed()),
            changes: Dictionary(uniqueKeysWithValues: ReportFixture.changeRows.reversed())
        )
        let report = DeprecationReport(
            catalog: ReportFixture.catalog,
            usage: reversed,
            now: ReportFixture.now,
            window: ReportFixture.window
        )
        #expect(report == self.report)
    }
}

@Suite struct RequestOutcomeTests {
    private let report = OutcomeFixture.report()

    private func entry(_ client: String, _ version: String) throws -> AtRiskClient {
        try #require(self.report.atRisk.first { $0.client == client && $0.version.description == version })
    }

    @Test func eachEntryCountsItsRequestsByStatusClass() throws {
        let acme = try self.entry("acme-erp", "v1")
        #expect(acme.requests == 20)
        #expect((1...5).map { acme.statusClasses[$0] } == [0, 10, 0, 7, 2])
        #expect(acme.statusClasses.unknown == 1)
        #expect(acme.statusClasses[0] == 1)
        #expect(acme.statusClasses.total == 20)
        #expect(try self.entry("beta-mobile", "v1").statusClasses[2] == 6)
    }

    @Test func eachVersionCountsItsRequestsByStatusClass() {
        let byVersion = self.report.versions.map { version in
            (1...5).map { version.statusClasses[$0] } + [version.statusClasses.unknown]
        }
        #expect(byVersion == [[0, 16, 0, 7, 2, 1], [0, 5, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0]])
        #expect(self.report.versions.map(\.requests) == [26, 5, 1])
    }

    @Test func requestsThatNamedTheVersionAreToldFromThoseThatGotItByDefault() throws {
        let acme = try self.entry("acme-erp", "v1")
        #expect(acme.namedVersionRequests == 14)
        #expect(acme.defaultVersionRequests == 2)
        #expect(!acme.getsVersionOnlyByDefault)
        let beta = try self.entry("beta-mobile", "v1")
        #expect(beta.namedVersionRequests == 0)
        #expect(beta.defaultVersionRequests == 6)
        #expect(beta.getsVersionOnlyByDefault)
        let preview = try self.entry("beta-mobile", "v3")
        #expect(preview.namedVersionRequests == 1)
        #expect(!preview.getsVersionOnlyByDefault)
    }

    @Test func entriesAndDistinctClientsAreCountedApart() {
        #expect(
            self.report.atRisk.map { "\($0.client)@\($0.version)" } == [
                "acme-erp@v1", "beta-mobile@v1", "beta-mobile@v3",
            ]
        )
        #expect(self.report.atRiskClientCount == 2)
    }

    @Test func aGuideBaseURLGivesEachGuideItsPublishedURL() {
        #expect(self.report.versions.map(\.migrationGuideURL) == [nil, nil, nil])
        let published = OutcomeFixture.report(guideBaseURL: "https://docs.example.com/guides/")
        #expect(
            published.versions.map(\.migrationGuideURL) == [
                "https://docs.example.com/guides/v1-to-v2", "https://docs.example.com/guides/v2-to-v3", nil,
            ]
        )
    }
}
