import Foundation
import TestSupport
import Testing

/// A fresh directory laid out as the repository is (`versions/` and `migration-guides/` linked into it), holding
/// the ledger that `demo` (a README command) writes there while it answers one `GET target` with `headers`. The
/// caller removes it.
func ledgerWritten(by demo: VersiongateCommand, target: String, headers: [(String, String)]) throws -> URL {
    let directory = try repositoryLayout()
    let gateway = try RunningVersiongate(
        demo.arguments(removing: ["--port", "--upstream-port"]) + ["--port", "0", "--upstream-port", "0"],
        environment: demo.environment,
        in: directory
    )
    let answer = try RawHTTPClient(port: gateway.port).request("GET", target, headers: headers)
    #expect(answer.status == 200, "\(demo): GET \(target)")
    #expect(gateway.stop() == 0, "\(demo)")
    return directory
}

/// A fresh directory laid out as the repository is for the offline commands: `versions/` and `migration-guides/`
/// linked into it. The caller removes it.
func repositoryLayout() throws -> URL {
    let directory = try TemporaryDirectory.make()
    for name in ["versions", "migration-guides"] {
        try FileManager.default.createSymbolicLink(
            at: directory.appendingPathComponent(name),
            withDestinationURL: repositoryRoot.appendingPathComponent(name)
        )
    }
    return directory
}
