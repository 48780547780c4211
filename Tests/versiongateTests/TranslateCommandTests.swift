import Foundation
import Testing

/// `versiongate translate`, run as an operator checking what a manifest's changes do to a body.
@Suite struct TranslateCommandTests {
    private func withBody(_ text: String, _ body: (String) throws -> Void) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("body-\(UUID().uuidString).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path)
    }

    @Test func anUpstreamResponseComesOutAsTheClientsVersionGetsIt() throws {
        let v2 =
            #"{"data":[{"id":"po_1","supplier_id":"sup_1","total":{"amount":"99.50","currency":"EUR"}}],"meta":{"total":1}}"#
        try self.withBody(v2) { path in
            let (status, output) = try runVersiongate(
                ["translate", path, "--client", "v1", "--upstream", "v2", "--path", "/purchase-orders?vendor_id=sup_1"])
            #expect(status == 0)
            #expect(
                output == #"{"results":[{"id":"po_1","vendor_id":"sup_1","total":"99.50","currency":"EUR"}],"count":1}"#
                    + "\n"
            )
        }
    }

    @Test func theREADMEsExampleRunsAsWrittenFromTheRepositoryRoot() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let command = try #require(commands(in: readme, startingWith: "swift run versiongate translate ").first)
        try #require(command.prefix(3) == ["swift", "run", "versiongate"])
        let (status, output) = try runVersiongate(Array(command.dropFirst(3)), in: repositoryRoot)
        #expect(status == 0, "\(command.joined(separator: " ")): \(output)")
        #expect(
            output
                == #"{"results":[{"id":"po_1","number":"PO-1001","vendor_id":"sup_1","status":"submitted","total":"99.50","currency":"EUR","created":1768469400}],"count":1}"#
                + "\n"
        )
    }

    @Test func aClientRequestComesOutAsTheUpstreamGetsIt() throws {
        try self.withBody(#"{"full":true,"entity":"purchase_orders"}"#) { path in
            let (status, output) = try runVersiongate(
                [
                    "translate", path, "--client", "v1", "--upstream", "v2", "--path", "/connections/con_1/sync",
                    "--method", "POST",
                    "--request",
                ])
            #expect(status == 0)
            #expect(output == "POST /connections/con_1/syncs\n" + #"{"mode":"full","entity":"purchase_orders"}"# + "\n")
        }
    }

    @Test func repeatingReportsTheMeanTimeBesideTheSameOutput() throws {
        try self.withBody(#"{"id":"wo_1","status":"cancelled"}"#) { path in
            let (status, output) = try runVersiongate(
                [
                    "translate", path, "--client", "v1", "--upstream", "v2", "--path", "/work-orders/wo_1", "--repeat",
                    "50",
                ])
            #expect(status == 0)
            #expect(output.contains(#"{"id":"wo_1","status":"closed"}"#))
            #expect(output.contains("µs per translation (mean of 50)"))
        }
    }

    @Test(arguments: [
        (["--client", "v1", "--upstream", "v2", "--path", "/purchase-orders"], "the body is not valid JSON"),
        (["--client", "v9", "--upstream", "v2", "--path", "/purchase-orders"], "--client 'v9' is not one of: v1, v2"),
        (
            ["--client", "v1", "--upstream", "v2", "--path", "purchase-orders"],
            "--path 'purchase-orders' must start with /"
        ),
        (["--client", "v1", "--upstream", "v2", "--path", "/x", "--repeat", "0"], "--repeat must be at least 1"),
    ])
    func badInputIsOneLineAndExitStatusOne(arguments: [String], message: String) throws {
        try self.withBody(#"{"total":"#) { path in
            let (status, output) = try runVersiongate(["translate", path] + arguments)
            #expect(status == 1)
            #expect(output.split(separator: "\n").count == 1)
            #expect(output.contains(message))
        }
    }

    @Test func anUnreadableFileIsNamed() throws {
        let (status, output) = try runVersiongate([
            "translate", "/nonexistent.json", "--client", "v1", "--upstream", "v2", "--path", "/x",
        ])
        #expect(status == 1)
        #expect(output.contains("/nonexistent.json: cannot read the file"))
    }
}
