import Testing
import Versioning

@Suite struct VersionLifecycleTests {
    private let v1 = VersionManifest(
        name: VersionName("v1")!,
        status: .current,
        released: CalendarDate("2025-03-01"),
        deprecated: CalendarDate("2026-03-01"),
        sunset: CalendarDate("2027-03-01"),
        successor: VersionName("v2"),
        brownouts: [
            BrownoutWindow(
                start: Instant(rfc3339: "2026-12-01T09:00:00Z")!,
                end: Instant(rfc3339: "2026-12-01T10:00:00Z")!
            )
        ]
    )

    private func at(_ text: String) -> Instant { Instant(rfc3339: text)! }

    @Test func beforeItsDeprecationDateAVersionIsActive() {
        #expect(VersionLifecycle.phase(of: self.v1, at: self.at("2026-02-28T23:59:59Z")) == .active)
    }

    @Test func fromItsDeprecationDateItIsDeprecatedWhateverItsStatusSays() {
        let deprecated = Instant(CalendarDate("2026-03-01")!)
        #expect(
            VersionLifecycle.phase(of: self.v1, at: self.at("2026-03-01T00:00:00Z"))
                == .deprecated(since: deprecated, sunset: Instant(CalendarDate("2027-03-01")!))
        )
    }

    @Test func insideABrownoutItAnswersAsIfRetired() {
        #expect(
            VersionLifecycle.phase(of: self.v1, at: self.at("2026-12-01T08:59:59Z"))
                != .brownout(until: self.at("2026-12-01T10:00:00Z"))
        )
        #expect(
            VersionLifecycle.phase(of: self.v1, at: self.at("2026-12-01T09:00:00Z"))
                == .brownout(until: self.at("2026-12-01T10:00:00Z"))
        )
        #expect(
            VersionLifecycle.phase(of: self.v1, at: self.at("2026-12-01T09:59:59Z"))
                == .brownout(until: self.at("2026-12-01T10:00:00Z"))
        )
        guard case .deprecated = VersionLifecycle.phase(of: self.v1, at: self.at("2026-12-01T10:00:00Z")) else {
            Issue.record("the brownout should end at its end instant")
            return
        }
    }

    @Test func fromItsSunsetItIsRetired() {
        guard case .deprecated = VersionLifecycle.phase(of: self.v1, at: self.at("2027-02-28T23:59:59Z")) else {
            Issue.record("still served the second before the sunset")
            return
        }
        #expect(
            VersionLifecycle.phase(of: self.v1, at: self.at("2027-03-01T00:00:00Z"))
                == .retired(since: Instant(CalendarDate("2027-03-01")!))
        )
    }

    @Test func aRetiredStatusIsRetiredEvenBeforeItsSunset() {
        var retired = self.v1
        retired.status = .retired
        #expect(
            VersionLifecycle.phase(of: retired, at: self.at("2025-06-01T00:00:00Z"))
                == .retired(since: Instant(CalendarDate("2027-03-01")!))
        )
    }

    @Test func aDraftCarriesItsPreviewAccess() {
        let draft = VersionManifest(name: VersionName("v2")!, status: .draft, preview: .clients(["acme"]))
        #expect(VersionLifecycle.phase(of: draft, at: self.at("2026-01-01T00:00:00Z")) == .draft(.clients(["acme"])))
        #expect(PreviewAccess.clients(["acme"]).allows("acme"))
        #expect(!PreviewAccess.clients(["acme"]).allows("globex"))
        #expect(!PreviewAccess.clients(["acme"]).allows(nil))
        #expect(PreviewAccess.open.allows(nil))
    }
}
