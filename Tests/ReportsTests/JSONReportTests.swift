import Foundation
import Reports
import Store
import Testing
import Versioning

@Suite struct JSONReportTests {
    private func document(_ report: DeprecationReport = ReportFixture.report()) throws -> [String: Any] {
        let data = Data(report.rendered(as: .json).utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func itNamesItsSchemaTheInstantAndTheWindow() throws {
        let document = try self.document()
        #expect(document["schema"] as? String == "versiongate.report/1")
        #expect(document["generated_at"] as? String == "2026-11-30T12:00:00Z")
        let window = try #require(document["window"] as? [String: Any])
        #expect(window["since"] as? String == "2026-11-01")
        #expect(window["until"] as? String == "2026-11-30")
        #expect(window["days"] as? Int == 30)
        #expect(document["include_all"] as? Bool == false)
        #expect(document["total_requests"] as? Int == 510)
    }

    @Test func versionsCarryTheirLifecycleRequestsAndShare() throws {
        let versions = try #require(try self.document()["versions"] as? [[String: Any]])
        #expect(versions.map { $0["name"] as? String } == ["v1", "v2", "v3"])
        let v1 = versions[0]
        #expect(v1["status"] as? String == "deprecated")
        #expect(v1["released"] as? String == "2025-03-01")
        #expect(v1["sunset"] as? String == "2027-03-01")
        #expect(v1["days_left"] as? Int == 91)
        #expect(v1["successor"] as? String == "v2")
        #expect(v1["migration_guide"] as? String == "migration-guides/v1-to-v2.md")
        #expect(v1["requests"] as? Int == 280)
        #expect(v1["share"] as? Double == 0.549)
        #expect(versions[1]["sunset"] is NSNull)
        #expect(versions[1]["days_left"] is NSNull)
        #expect(versions[2]["share"] as? Double == 0.0392)
    }

    @Test func atRiskRowsKeepTheirOrderEndpointsAndChanges() throws {
        let atRisk = try #require(try self.document()["at_risk"] as? [[String: Any]])
        #expect(
            atRisk.map { $0["client"] as? String } == [
                "acme-erp", "beta-mobile", "zeta", "aardvark", "gamma", "preview-co",
            ]
        )
        let acme = atRisk[0]
        #expect(acme["version"] as? String == "v1")
        #expect(acme["breaking_hits"] as? Int == 150)
        #expect(acme["first_seen"] as? String == "2026-11-01T08:00:00Z")
        let endpoints = try #require(acme["endpoints"] as? [[String: Any]])
        #expect(endpoints.first?["route"] as? String == "/purchase-orders")
        #expect(endpoints.first?["requests"] as? Int == 100)
        let changes = try #require(acme["changes"] as? [[String: Any]])
        #expect(changes.map { $0["id"] as? String } == ["po-supplier-id", "po-note"])
        #expect(changes[0]["breaking"] as? Bool == true)
        #expect(changes[0]["declared"] as? Bool == true)
        #expect(changes[0]["count"] as? Int == 150)
        #expect(atRisk[5]["days_left"] is NSNull)
    }

    @Test func dailyHasEveryDayWithEveryVersion() throws {
        let daily = try #require(try self.document()["daily"] as? [[String: Any]])
        #expect(daily.count == 30)
        #expect(daily[0]["day"] as? String == "2026-11-01")
        #expect(daily[0]["requests"] as? [String: Int] == ["v1": 100, "v2": 0, "v3": 0])
        #expect(daily[1]["requests"] as? [String: Int] == ["v1": 0, "v2": 0, "v3": 0])
    }

    @Test func hostileNamesAreEscapedAndSurviveARoundTrip() throws {
        let document = try self.document(ReportFixture.hostileReport())
        let clients = try #require(document["at_risk"] as? [[String: Any]]).compactMap { $0["client"] as? String }
        for hostile in ReportFixture.hostileClients {
            #expect(clients.contains(hostile))
        }
    }

    @Test func theSameReportIsTheSameBytes() {
        let reversed = UsageBatch(
            requests: Dictionary(uniqueKeysWithValues: ReportFixture.requestRows.reversed()),
            changes: Dictionary(uniqueKeysWithValues: ReportFixture.changeRows.reversed())
        )
        let again = DeprecationReport(
            catalog: ReportFixture.catalog,
            usage: reversed,
            now: ReportFixture.now,
            window: ReportFixture.window
        )
        #expect(again.rendered(as: .json) == ReportFixture.report().rendered(as: .json))
    }

    @Test func membersComeInTheDocumentedOrder() {
        let json = DeprecationReport(
            catalog: ReportFixture.catalog,
            usage: UsageBatch(),
            now: ReportFixture.now,
            window: ReportWindow(days: 1, endingAt: ReportFixture.now)
        ).rendered(as: .json)
        #expect(
            json == """
                {
                  "schema": "versiongate.report/1",
                  "generated_at": "2026-11-30T12:00:00Z",
                  "window": {
                    "since": "2026-11-30",
                    "until": "2026-11-30",
                    "days": 1
                  },
                  "include_all": false,
                  "total_requests": 0,
                  "versions": [
                    {
                      "name": "v1",
                      "status": "deprecated",
                      "released": "2025-03-01",
                      "deprecated": "2026-09-01",
                      "sunset": "2027-03-01",
                      "days_left": 91,
                      "successor": "v2",
                      "migration_guide": "migration-guides/v1-to-v2.md",
                      "migration_guide_url": null,
                      "requests": 0,
                      "share": 0.0000,
                      "status_classes": {
                        "1xx": 0,
                        "2xx": 0,
                        "3xx": 0,
                        "4xx": 0,
                        "5xx": 0,
                        "unknown": 0
                      }
                    },
                    {
                      "name": "v2",
                      "status": "current",
                      "released": "2026-06-01",
                      "deprecated": null,
                      "sunset": null,
                      "days_left": null,
                      "successor": "v3",
                      "migration_guide": "migration-guides/v2-to-v3.md",
                      "migration_guide_url": null,
                      "requests": 0,
                      "share": 0.0000,
                      "status_classes": {
                        "1xx": 0,
                        "2xx": 0,
                        "3xx": 0,
                        "4xx": 0,
                        "5xx": 0,
                        "unknown": 0
                      }
                    },
                    {
                      "name": "v3",
                      "status": "draft",
                      "released": null,
                      "deprecated": null,
                      "sunset": null,
                      "days_left": null,
                      "successor": null,
                      "migration_guide": null,
                      "migration_guide_url": null,
                      "requests": 0,
                      "share": 0.0000,
                      "status_classes": {
                        "1xx": 0,
                        "2xx": 0,
                        "3xx": 0,
                        "4xx": 0,
                        "5xx": 0,
                        "unknown": 0
                      }
                    }
                  ],
                  "at_risk": [],
                  "daily": [
                    {
                      "day": "2026-11-30",
                      "requests": {
                        "v1": 0,
                        "v2": 0,
                        "v3": 0
                      }
                    }
                  ]
                }

                """
        )
    }

    @Test func atRiskEntriesCarryStatusClassesAndVersionChoiceInTheDocumentedOrder() {
        let json = OutcomeFixture.report().rendered(as: .json)
        #expect(
            json.contains(
                """
                      "client": "acme-erp",
                      "version": "v1",
                      "status": "deprecated",
                      "days_left": 91,
                      "requests": 20,
                      "status_classes": {
                        "1xx": 0,
                        "2xx": 10,
                        "3xx": 0,
                        "4xx": 7,
                        "5xx": 2,
                        "unknown": 1
                      },
                      "named_version_requests": 14,
                      "default_version_requests": 2,
                      "breaking_hits": 0,
                      "first_seen": "2026-11-30T08:00:00Z",
                      "last_seen": "2026-11-30T11:00:00Z",
                """
            )
        )
    }

    @Test func versionsAndEntriesParseWithEveryStatusClass() throws {
        let document = try self.document(OutcomeFixture.report(guideBaseURL: "https://docs.example.com/guides"))
        let versions = try #require(document["versions"] as? [[String: Any]])
        #expect(
            versions.map { $0["status_classes"] as? [String: Int] } == [
                ["1xx": 0, "2xx": 16, "3xx": 0, "4xx": 7, "5xx": 2, "unknown": 1],
                ["1xx": 0, "2xx": 5, "3xx": 0, "4xx": 0, "5xx": 0, "unknown": 0],
                ["1xx": 0, "2xx": 1, "3xx": 0, "4xx": 0, "5xx": 0, "unknown": 0],
            ]
        )
        #expect(versions[0]["migration_guide_url"] as? String == "https://docs.example.com/guides/v1-to-v2")
        #expect(versions[2]["migration_guide_url"] is NSNull)
        let atRisk = try #require(document["at_risk"] as? [[String: Any]])
        #expect(atRisk.map { $0["client"] as? String } == ["acme-erp", "beta-mobile", "beta-mobile"])
        #expect(atRisk.map { $0["named_version_requests"] as? Int } == [14, 0, 1])
        #expect(atRisk.map { $0["default_version_requests"] as? Int } == [2, 6, 0])
        #expect(
            atRisk[1]["status_classes"] as? [String: Int] == [
                "1xx": 0, "2xx": 6, "3xx": 0, "4xx": 0, "5xx": 0, "unknown": 0,
            ]
        )
    }

    @Test func anEmptyWindowHasNoRequestsAndNoEntries() throws {
        let document = try self.document(OutcomeFixture.empty)
        #expect(document["total_requests"] as? Int == 0)
        #expect((document["at_risk"] as? [Any])?.isEmpty == true)
    }
}
