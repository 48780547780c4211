import TestSupport
import Testing
import Versioning

@Suite struct ManifestDecoderTests {
    private let valid = """
        version: v2
        status: deprecated
        released: 2025-03-01
        deprecated: 2026-03-01
        sunset: 2027-03-01
        previous: v1
        successor: v3
        summary: The second version.
        """

    @Test func decodesEveryField() throws {
        let manifest = try ManifestDecoder.decode(self.valid, file: "v2.yaml", expectedName: VersionName("v2"))
        #expect(manifest.name == VersionName("v2"))
        #expect(manifest.status == .deprecated)
        #expect(manifest.released == CalendarDate("2025-03-01"))
        #expect(manifest.deprecated == CalendarDate("2026-03-01"))
        #expect(manifest.sunset == CalendarDate("2027-03-01"))
        #expect(manifest.previous == VersionName("v1"))
        #expect(manifest.successor == VersionName("v3"))
        #expect(manifest.summary == "The second version.")
    }

    @Test func unknownKeyIsRejectedWithItsLine() {
        let text = "version: v1\nstatus: current\nreleased: 2025-01-01\nsunest: 2026-01-01\n"
        #expect(throws: ManifestError.self) { try ManifestDecoder.decode(text, file: "v1.yaml") }
        let error = try? self.error(decoding: text)
        #expect(error?.line == 4)
        #expect(error?.message.contains("unknown key 'sunest'") == true)
        #expect(error?.description.hasPrefix("v1.yaml:4: ") == true)
    }

    @Test(arguments: [
        ("version: v1\nstatus: live\n", "'status' must be one of draft, current, deprecated, retired"),
        ("status: current\nreleased: 2025-01-01\n", "missing 'version'"),
        ("version: 1\nstatus: draft\n", "'version' must be a version name like v2"),
        ("version: v1\nstatus: current\nreleased: 2025-02-30\n", "'released' must be a date like 2026-03-01"),
        ("version: v1\nstatus: deprecated\nbrownouts: yes\n", "'brownouts' must be a list"),
        ("version: v1\nstatus: deprecated\nbrownouts:\n  - start: 2026-05-04T09:00:00Z\n", "missing 'end'"),
        (
            "version: v1\nstatus: deprecated\nbrownouts:\n  - {start: 2026-05-04T10:00:00Z, end: 2026-05-04T09:00:00Z}\n",
            "a brownout must end after it starts"
        ),
        ("version: v1\nstatus: deprecated\nbrownouts:\n  - {start: 2026-05-04, end: 2026-05-05}\n", "an RFC 3339 time"),
        ("version: v2\nstatus: draft\npreview: closed\n", "'preview' must be 'open' or a list of client ids"),
        (
            "version: v1\nstatus: current\nadditions:\n  - {date: 2026-01-01, summary: x, breaking: maybe}\n",
            "true or false"
        ),
        (
            "version: v1\nstatus: current\nadditions:\n  - {date: 2026-01-01, summary: x, reason: y}\n",
            "unknown key 'reason' in 'additions'"
        ),
        ("- v1\n- v2\n", "expected a mapping"),
        ("version: v1\nstatus: [draft\n", "invalid YAML"),
        ("", "the manifest is empty"),
    ])
    func invalidManifestsAreRejectedWithAReason(manifest: RawText, reason: String) throws {
        let error = try #require(try self.error(decoding: manifest.text), "\(manifest.escaped)")
        #expect(error.message.contains(reason), "\(error) in \(manifest.escaped)")
    }

    @Test func lifecycleFieldsAreDecoded() throws {
        let text = """
            version: v1
            status: current
            released: 2025-03-01
            preview: [acme, globex]
            brownouts:
              - {start: 2026-05-04T09:00:00Z, end: 2026-05-04T11:00:00+01:00}
            additions:
              - {date: 2025-06-01, summary: Purchase orders gain an optional 'notes' field.}
            """
        let manifest = try ManifestDecoder.decode(text, file: "versions/v1.yaml")
        #expect(manifest.preview == .clients(["acme", "globex"]))
        #expect(manifest.brownouts.first?.start.rfc3339 == "2026-05-04T09:00:00Z")
        #expect(manifest.brownouts.first?.end.rfc3339 == "2026-05-04T10:00:00Z")
        #expect(
            manifest.additions == [
                Addition(date: CalendarDate("2025-06-01")!, summary: "Purchase orders gain an optional 'notes' field.")
            ]
        )
        #expect(manifest.source == "versions/v1.yaml")
    }

    @Test func fileNameMustMatchTheVersion() throws {
        let text = "version: v3\nstatus: draft\n"
        #expect(throws: ManifestError.self) {
            try ManifestDecoder.decode(text, file: "v2.yaml", expectedName: VersionName("v2"))
        }
    }

    private func error(decoding text: String) throws -> ManifestError? {
        do {
            _ = try ManifestDecoder.decode(text, file: "v1.yaml")
            return nil
        } catch {
            return error
        }
    }
}
