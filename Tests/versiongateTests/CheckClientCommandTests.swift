import Foundation
import FoundationXML
import TestSupport
import Testing

/// `versiongate check client --traffic`: exit status 0, 1 or 2 for CI, every format free of secrets, and bad input
/// one line.
@Suite struct CheckClientCommandTests {
    /// v1 traffic that carries credentials everywhere a client puts them, and reads `vendor_id`.
    private static let secretive = [
        #"{"method":"GET","url":"https://erp.example.com/purchase-orders/po_1?api_key=sk_live_QUERY","#
            + #""request_headers":{"Authorization":"Bearer vg_live_HEADER","Cookie":"session=COOKIE"},"#
            + #""status":200,"response_headers":{"Set-Cookie":"session=SETCOOKIE"},"#
            + #""response_body":{"id":"po_1","vendor_id":"ven_1","access_token":"BODYTOKEN"}}"#,
        #"{"method":"POST","path":"/purchase-orders","request_body":{"vendor_id":"ven_1","password":"BODYPASSWORD"},"#
            + #""status":201,"response_body":{"id":"po_2"}}"#,
    ]
    private static let secrets = [
        "sk_live_QUERY", "vg_live_HEADER", "COOKIE", "SETCOOKIE", "BODYTOKEN", "BODYPASSWORD",
    ]

    private func file(_ name: String, _ lines: [String]) throws -> URL {
        let url = try TemporaryDirectory.make().appendingPathComponent(name)
        try Data(lines.joined(separator: "\n").utf8).write(to: url)
        return url
    }

    private func check(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try runVersiongate(["check", "client", "--versions", repositoryVersions] + arguments)
    }

    @Test(arguments: ["text", "markdown", "json", "junit"])
    func aHitExitsOneAndNoFormatPrintsASecret(format: String) throws {
        let traffic = try self.file("calls.jsonl", Self.secretive)
        let (status, output) = try self.check([
            "--from", "v1", "--to", "v2", "--traffic", traffic.path, "--format", format,
        ])
        #expect(status == 1, "\(output)")
        #expect(output.contains("purchase-order-supplier-id"))
        for secret in Self.secrets { #expect(!output.contains(secret), "\(format) shows \(secret)") }
    }

    @Test func trafficThatTouchesNoBreakingChangePassesWithZero() throws {
        let traffic = try self.file(
            "calls.jsonl",
            [#"{"method":"GET","path":"/connections/con_1","status":200,"response_body":{"id":"con_1","name":"SAP"}}"#]
        )
        let (status, output) = try self.check(["--from", "v1", "--to", "v2", "--traffic", traffic.path])
        #expect(status == 0, "\(output)")
        #expect(output.contains("PASS: no breaking change between v1 and v2 hits this traffic"))
    }

    @Test func severalFilesAfterOneTrafficOptionAreAllRead() throws {
        let first = try self.file("first.jsonl", Self.secretive)
        let second = try self.file("second.jsonl", Self.secretive)
        let (status, output) = try self.check(
            ["--from", "v1", "--to", "v2", "--traffic", first.path, second.path, "--format", "json"]
        )
        #expect(status == 1, "\(output)")
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        #expect(json?["requests"] as? Int == 4)
    }

    @Test func junitHasOneTestCasePerBreakingChangeFailedWhenItHits() throws {
        let traffic = try self.file("calls.jsonl", Self.secretive)
        let (_, output) = try self.check(["--from", "v1", "--to", "v2", "--traffic", traffic.path, "--format", "junit"])
        let document = try XMLDocument(data: Data(output.utf8))
        let cases = try document.nodes(forXPath: "//testcase")
        let failed = try document.nodes(forXPath: "//testcase[failure]").compactMap {
            ($0 as? XMLElement)?.attribute(forName: "name")?.stringValue
        }
        #expect(cases.count == 13)
        #expect(failed == ["v2/purchase-order-supplier-id"])
    }

    @Test func outputGoesToTheFileAndTheVerdictToStandardOutput() throws {
        let traffic = try self.file("calls.jsonl", Self.secretive)
        let result = traffic.deletingLastPathComponent().appendingPathComponent("check.json")
        let (status, output) = try self.check(
            ["--from", "v1", "--to", "v2", "--traffic", traffic.path, "--format", "json", "--output", result.path]
        )
        #expect(status == 1)
        #expect(output == "FAIL: 1 breaking change between v1 and v2 hits this traffic\n")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: result)) as? [String: Any]
        #expect(json?["schema"] as? String == "versiongate.check/1")
        #expect(json?["passed"] as? Bool == false)
    }

    @Test func badInputIsOneLineAndExitTwo() throws {
        let good = try self.file("calls.jsonl", Self.secretive)
        let cases: [([String], String)] = [
            (["--from", "v1", "--to", "v2"], "name what to check"),
            (["--to", "v2", "--traffic", good.path], "--from"),
            (["--from", "v1", "--to", "v2", "--client", "bad id!"], "is not a client the ledger keeps"),
            (
                [
                    "--from", "v1", "--to", "v2", "--traffic",
                    try self.file("api.jsonl", [#"{"method":"GET","path":"/api/vendors"}"#]).path,
                ],
                "--base-path /api"
            ),
            (["--from", "v1", "--to", "v2", "--traffic", good.path, "--output", "/nonexistent/x.xml"], "no directory"),
            (["--from", "v1", "--to", "v2", "--traffic", good.path, "--format", "banana"], "'banana'"),
            (["--from", "v1", "--to", "v2", "--traffic", good.path, "--client", "acme"], "not both"),
            (
                ["--from", "v1", "--to", "v2", "--client", "acme", "--store", "sqlite:/nonexistent/l.db"],
                "no usage ledger"
            ),
            (["--from", "v1", "--to", "v2", "--client", "acme", "--since", "soon"], "--since 'soon'"),
            (["--from", "v1", "--to", "v2", "--traffic", "/nonexistent/calls.har"], "/nonexistent/calls.har"),
            (["--from", "v2", "--to", "v1", "--traffic", good.path], "--from v2 is not older than --to v1"),
            (["--from", "v1", "--to", "v9", "--traffic", good.path], "--to v9 is not a known version"),
            (["--from", "v1", "--to", "banana", "--traffic", good.path], "--to 'banana' is not a version name"),
            (["--from", "v1", "--to", "v2", "--traffic", try self.file("empty.jsonl", []).path], "empty"),
            (
                [
                    "--from", "v1", "--to", "v2", "--traffic",
                    try self.file("cut.har", [#"{"log":{"version":"1.2","entries":[{"#]).path,
                ], "cut.har"
            ),
            (
                ["--from", "v1", "--to", "v2", "--traffic", try self.file("bad.jsonl", ["{not json"]).path],
                "bad.jsonl:1"
            ),
            (
                [
                    "--from", "v1", "--to", "v2", "--traffic",
                    try self.file("old.har", [#"{"log":{"version":"1.1","entries":[]}}"#]).path,
                ],
                "1.1"
            ),
        ]
        for (arguments, expected) in cases {
            let (status, output) = try self.check(arguments)
            #expect(status == 2, "\(arguments): \(output)")
            #expect(output.split(separator: "\n").count == 1, "\(arguments): \(output)")
            #expect(output.contains(expected), "\(arguments): \(output)")
        }
    }
}
