import Foundation
import TestSupport
import Testing

/// `versiongate report deprecations`: bad input is one line and a non-zero exit, and `--output` never replaces what
/// is not a regular file.
@Suite struct ReportCommandTests {
    /// A directory holding an empty ledger (written by a demo that served nothing) and the repository's versions.
    private func ledger() throws -> URL {
        let directory = try repositoryLayout()
        let demo = try RunningVersiongate(["demo", "--port", "0", "--upstream-port", "0"], in: directory)
        #expect(demo.stop() == 0)
        return directory
    }

    @Test(arguments: ["0d", "-1d", "3661d", "523w", "1w2", "0001-01-01", "2999-01-01", "soon"])
    func aWindowOutsideTenYearsOrNotAWindowIsOneLine(since: String) throws {
        let directory = try self.ledger()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (status, output) = try runVersiongate(["report", "deprecations", "--since=\(since)"], in: directory)
        #expect(status != 0)
        #expect(output.split(separator: "\n").count == 1, "\(output)")
    }

    @Test func aSymbolicLinkIsWrittenThroughNotReplaced() throws {
        let directory = try self.ledger()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("real.json")
        let link = directory.appendingPathComponent("link.json")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let (status, output) = try runVersiongate(
            ["report", "deprecations", "--format", "json", "--output", link.path],
            in: directory
        )
        #expect(status == 0, "\(output)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8).contains("versiongate.report/1"))
    }

    @Test func aMissingDirectoryForTheOutputIsOneLine() throws {
        let directory = try self.ledger()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (status, output) = try runVersiongate(
            ["report", "deprecations", "--output", "/nonexistent/dir/report.txt"],
            in: directory
        )
        #expect(status == 1)
        #expect(output.hasPrefix("versiongate: cannot write the report to /nonexistent/dir/report.txt: "))
        #expect(output.split(separator: "\n").count == 1)
    }

    /// A report only reads: an empty file (a valid, empty SQLite database) is refused and stays empty.
    @Test func aFileThatIsNoLedgerIsRefusedAndLeftAsItWas() throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("empty.db")
        try Data().write(to: file)
        let (status, output) = try runVersiongate(
            ["report", "deprecations", "--store", "sqlite:" + file.path, "--versions", repositoryVersions],
            in: directory
        )
        #expect(status == 1)
        #expect(
            output
                == "versiongate: cannot open the usage store sqlite:\(file.path): it is not a versiongate usage ledger\n"
        )
        #expect(try Data(contentsOf: file).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["empty.db"])
    }
}
