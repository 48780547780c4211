import Testing
import Versioning

@Suite struct VersionPolicyTests {
    /// v1 deprecated in favour of v2, released a year apart, with a sunset 12 months after v2's release.
    private func schedule(
        v1: (inout VersionManifest) -> Void = { _ in },
        v2: (inout VersionManifest) -> Void = { _ in }
    ) -> [VersionManifest] {
        var first = VersionManifest(
            name: VersionName("v1")!,
            status: .deprecated,
            released: CalendarDate("2025-01-01"),
            deprecated: CalendarDate("2026-01-01"),
            sunset: CalendarDate("2027-01-01"),
            successor: VersionName("v2")
        )
        var second = VersionManifest(
            name: VersionName("v2")!,
            status: .current,
            released: CalendarDate("2026-01-01"),
            previous: VersionName("v1")
        )
        v1(&first)
        v2(&second)
        return [first, second]
    }

    private func messages(_ manifests: [VersionManifest], guides: Set<String>? = ["v1-to-v2.md"]) -> [String] {
        VersionPolicy.findings(for: manifests, guides: guides).map(\.description)
    }

    @Test func aWellKeptScheduleHasNoFindings() throws {
        #expect(self.messages(self.schedule()).isEmpty)
        #expect(try VersionCatalog.bundled().names.count == 2)
    }

    @Test func theSunsetMustComeAtLeastTheMinimumAfterTheSuccessorsRelease() {
        let findings = self.messages(self.schedule(v1: { $0.sunset = CalendarDate("2026-12-31") }))
        #expect(
            findings == [
                "versions/v1.yaml: 'sunset' (2026-12-31) is less than 12 months after v2 was released (2026-01-01); move it to 2027-01-01 or later"
            ]
        )
        let shorter = VersionPolicy.findings(
            for: self.schedule(v1: { $0.sunset = CalendarDate("2026-07-01") }),
            guides: nil,
            rules: .init(minimumSunsetMonths: 6)
        )
        #expect(shorter.isEmpty)
    }

    @Test func aDeprecatedVersionNeedsAReleasedSuccessor() {
        let findings = self.messages(
            self.schedule(v2: {
                $0.status = .draft
                $0.released = nil
            })
        )
        #expect(findings.contains { $0.contains("in favour of v2, which is not released; release v2 first") })
    }

    @Test func deprecationCannotPrecedeTheSuccessorsRelease() {
        let findings = self.messages(self.schedule(v2: { $0.released = CalendarDate("2026-02-01") }))
        #expect(
            findings.contains {
                $0.contains("is deprecated (2026-01-01) before its successor v2 is released (2026-02-01)")
            }
        )
    }

    @Test(arguments: [
        ("deprecated before released", "'deprecated' (2024-12-31) is before 'released' (2025-01-01)"),
        ("sunset before deprecated", "'sunset' (2025-12-31) is before 'deprecated' (2026-01-01)"),
        ("no released date", "a deprecated version needs a 'released' date"),
        ("no sunset", "a deprecated version needs 'deprecated', 'sunset' and 'successor'"),
    ])
    func datesMustBeInOrderAndComplete(case name: String, expected: String) {
        let manifests = self.schedule(v1: { manifest in
            switch name {
            case "deprecated before released": manifest.deprecated = CalendarDate("2024-12-31")
            case "sunset before deprecated": manifest.sunset = CalendarDate("2025-12-31")
            case "no released date": manifest.released = nil
            default: manifest.sunset = nil
            }
        })
        #expect(self.messages(manifests).contains { $0.contains(expected) }, "\(self.messages(manifests))")
    }

    @Test func aVersionNamedByReleaseDateIsReleasedThatDay() {
        let dated = VersionManifest(
            name: VersionName("2024-06-20")!,
            status: .current,
            released: CalendarDate("2020-01-01")
        )
        #expect(
            self.messages([dated], guides: nil) == [
                "versions/2024-06-20.yaml: 'released' (2020-01-01) is not the date the version is named after "
                    + "(2024-06-20); set 'released: 2024-06-20', or rename the version and its file to 2020-01-01"
            ]
        )
        var onTheDay = dated
        onTheDay.released = CalendarDate("2024-06-20")
        #expect(self.messages([onTheDay], guides: nil) == [])
    }

    @Test func brownoutsMustFallBetweenDeprecationAndSunset() {
        let late = BrownoutWindow(
            start: Instant(rfc3339: "2026-12-31T23:00:00Z")!,
            end: Instant(rfc3339: "2027-01-01T01:00:00Z")!
        )
        let early = BrownoutWindow(
            start: Instant(rfc3339: "2025-06-01T09:00:00Z")!,
            end: Instant(rfc3339: "2025-06-01T10:00:00Z")!
        )
        let findings = self.messages(self.schedule(v1: { $0.brownouts = [late, early] }))
        #expect(findings.contains { $0.contains("must end before the sunset") })
        #expect(findings.contains { $0.contains("must start after the version is deprecated") })
    }

    @Test func aBreakingAdditionToAReleasedVersionBelongsInANewVersion() {
        let findings = self.messages(
            self.schedule(v2: {
                $0.additions = [Addition(date: CalendarDate("2026-06-01")!, summary: "Rename total", breaking: true)]
            })
        )
        #expect(
            findings == [
                "versions/v2.yaml: the addition 'Rename total' is breaking; a released version only gains non-breaking additions: put it in a new version"
            ]
        )
    }

    @Test func additionsAreDatedAfterTheRelease() {
        let findings = self.messages(
            self.schedule(v2: {
                $0.additions = [Addition(date: CalendarDate("2025-06-01")!, summary: "Optional notes")]
            })
        )
        #expect(findings.contains { $0.contains("is dated 2025-06-01, before the release (2026-01-01)") })
    }

    @Test func everyTransitionNeedsAGuide() {
        #expect(
            self.messages(self.schedule(), guides: []) == [
                "versions/v2.yaml: no migration guide migration-guides/v1-to-v2.md; write one that tells v1 clients what changed and what to do"
            ]
        )
    }

    @Test func theChainMustBeWhole() {
        let findings = self.messages(self.schedule(v2: { $0.previous = nil }))
        #expect(findings.contains { $0.contains("names v2 as successor, but v2 does not name v1 as previous") })
    }

    @Test func everyFindingIsReportedNotJustTheFirst() {
        let findings = self.messages(
            self.schedule(v1: {
                $0.sunset = CalendarDate("2026-06-01")
                $0.released = nil
            }),
            guides: []
        )
        #expect(findings.count == 3)
    }
}
