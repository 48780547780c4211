import ContentCoding
import Foundation
import TestSupport
import Testing

/// REDbot, mnot's HTTP linter, run against the real binary: a translated response to a deprecated version, a
/// passed-through one, a problem and the health endpoint. Its errors and warnings fail the test, except the
/// notes listed in ``judgedWrong`` with the reason. `VERSIONGATE_TEST_REDBOT` names a Python with `redbot`
/// installed (`.ci/run` makes one).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["VERSIONGATE_TEST_REDBOT"] != nil), .timeLimit(.minutes(2)))
struct REDbotConformanceTests {
    /// Notes REDbot raises that are right for a version gateway, and why.
    private static let judgedWrong: [String: String] = [
        "STATUS_BAD_REQUEST": "REDbot warns on every 400; an unknown version is the client's error (RFC 9110 §15.5.1)",
        "DEPRECATION_PAST": "REDbot warns whenever Deprecation is present; announcing it is the field's job (RFC 9745)",
        "DEPRECATION_FUTURE": "as DEPRECATION_PAST, for a deprecation still to come",
    ]

    private struct Note: Decodable {
        let id: String
        let level: String
        let summary: String
        let request: String
    }

    /// One v2 purchase order as a careful upstream serves it: validators, freshness, a distinct tag for its gzip
    /// form, `304` for a matching `If-None-Match` or `If-Modified-Since`, and `206` for a byte range of identity.
    /// It sends no `Date`: the gateway adds one (RFC 9110 §6.6.1).
    private static func upstream(_ request: ScriptedUpstream.Request) -> ScriptedUpstream.Response {
        guard request.target == "/purchase-orders/po_1" else { return .init(status: 404) }
        let gzip = request.field("Accept-Encoding")?.contains("gzip") ?? false
        let tag = gzip ? #""po1-rev7-gz""# : #""po1-rev7""#
        let lastModified = "Thu, 15 Jan 2026 09:30:00 GMT"
        let validators = [
            ("Cache-Control", "max-age=60"), ("ETag", tag), ("Last-Modified", lastModified),
            ("Vary", "Accept-Encoding"),
        ]
        if let match = request.field("If-None-Match") {
            if match.contains(tag) { return .init(status: 304, fields: validators) }
        } else if request.field("If-Modified-Since") == lastModified {
            return .init(status: 304, fields: validators)
        }
        let fields = validators + [("Content-Type", "application/json")]
        if gzip { return .init(fields: fields + [("Content-Encoding", "gzip")], body: ContentEncoder.gzip(Self.order)) }
        if let range = request.field("Range").flatMap(Self.byteRange), range.upperBound <= Self.order.count {
            let contentRange = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(Self.order.count)"
            return .init(
                status: 206,
                fields: fields + [("Accept-Ranges", "bytes"), ("Content-Range", contentRange)],
                body: Array(Self.order[range])
            )
        }
        return .init(fields: fields + [("Accept-Ranges", "bytes")], body: Self.order)
    }

    /// A v2 purchase order with enough lines that gzip pays.
    private static let order = Array(
        (#"{"id":"po_1","supplier_id":"sup_1","total":{"amount":"9.50","currency":"EUR"},"lines":["#
            + (1...20).map { #"{"sku":"PMP-\#($0)","quantity":1,"price":{"amount":"0.50","currency":"EUR"}}"# }
            .joined(separator: ",") + "]}").utf8
    )

    /// The one range of `bytes=first-last` (RFC 9110 §14.1.2), as array indices.
    private static func byteRange(_ value: String) -> Range<Int>? {
        guard value.hasPrefix("bytes=") else { return nil }
        let bounds = value.dropFirst("bytes=".count).split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count == 2, let first = Int(bounds[0]), let last = Int(bounds[1]), first <= last else {
            return nil
        }
        return first..<(last + 1)
    }

    @Test func theGatewaysResponsesPassREDbot() async throws {
        let upstream = try await ScriptedUpstream.start(Self.upstream)
        // examples/schedule: v1 deprecated (with a sunset) in favour of v2, which the upstream speaks.
        let gateway = try RunningVersiongate([
            "serve", "--port", "0", "--upstream", upstream.url, "--upstream-version", "v2", "--store", "off",
            "--versions", repositoryRoot.appendingPathComponent("examples/schedule/versions").path,
        ])
        let base = "http://127.0.0.1:\(gateway.port)"
        let cases: [(name: String, target: String, fields: [String])] = [
            ("a deprecated version's translated response", "/purchase-orders/po_1", ["API-Version: v1"]),
            ("a passed-through response", "/purchase-orders/po_1", ["API-Version: v2"]),
            ("a problem", "/purchase-orders/po_1", ["API-Version: v99"]),
            ("the health endpoint", "/_versiongate/health", []),
        ]
        for (name, target, fields) in cases {
            let notes = try Self.notes(base + target, fields: fields)
            #expect(notes.contains { $0.request == "main" }, "\(name): REDbot said nothing")
            for note in notes where ["warning", "bad"].contains(note.level) && Self.judgedWrong[note.id] == nil {
                Issue.record("\(name): \(note.level) \(note.id) on \(note.request): \(note.summary)")
            }
        }
        #expect(gateway.stop() == 0)
        try await upstream.stop()
    }

    @Test func theDeprecatedVersionsFieldsAreWellFormed() async throws {
        let upstream = try await ScriptedUpstream.start(Self.upstream)
        let gateway = try RunningVersiongate([
            "serve", "--port", "0", "--upstream", upstream.url, "--upstream-version", "v2", "--store", "off",
            "--versions", repositoryRoot.appendingPathComponent("examples/schedule/versions").path,
        ])
        let notes = try Self.notes("http://127.0.0.1:\(gateway.port)/purchase-orders/po_1", fields: ["API-Version: v1"])
        // REDbot parsed Deprecation as an RFC 9745 date (one of these two notes), and found Date present.
        #expect(notes.contains { $0.id == "DEPRECATION_PAST" || $0.id == "DEPRECATION_FUTURE" })
        #expect(!notes.contains { $0.id == "DATE_CLOCKLESS" || $0.id.hasPrefix("BAD_SYNTAX") })
        #expect(gateway.stop() == 0)
        try await upstream.stop()
    }

    /// REDbot's notes on `url` requested with `fields` (`Name: value`), through `.ci/redbot-notes.py`.
    private static func notes(_ url: String, fields: [String]) throws -> [Note] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.environment["VERSIONGATE_TEST_REDBOT"]!)
        let script = repositoryRoot.appendingPathComponent(".ci/redbot-notes.py").path
        process.arguments = [script, url, "--timeout", "20"] + fields.flatMap { ["-H", $0] }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        try #require(process.terminationStatus == 0, "REDbot could not fetch \(url): \(lines.joined())")
        return try lines.map { try JSONDecoder().decode(Note.self, from: Data($0.utf8)) }
    }
}
