import ArgumentParser
import Checks
import Foundation
import Reports
import Store
import Usage
import Versioning

/// `versiongate check client`: which breaking changes between two versions would hit one client, from its recorded
/// traffic or from what the usage ledger recorded of it. Exit status 0 when none does, 1 when some do, 2 for bad
/// input.
struct CheckClient: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Check which breaking changes between two versions would hit a client's real traffic.",
        discussion: """
            Reads recorded traffic in the --from version (--traffic): HAR 1.2 (as browsers' developer tools, mitmproxy, \
            Charles and Insomnia export it) or JSON lines (docs/traffic-format.md); several files may be given \
            (--traffic a.har b.jsonl), - is standard input; exchanges whose API-Version names another version are \
            left out. A breaking change hits when the traffic used its endpoint and method and \
            touched its subject: the path, the query parameter, the header, or the body field in a request it \
            sent or a response it received. Or reads the usage ledger (--client ID, --store, --since): the changes \
            that fired on the client's requests served in --from, which the gateway translated to --to or later or \
            which previewed it (API-Version-Preview). Examples never show header or body values, and credential-like query \
            values are redacted. Reads ./versions unless --versions names another directory. JSON follows the \
            versiongate.check/1 schema (docs/check-schema.md). \
            Exit status: 0 no breaking change hits, 1 some do or some could not be checked (a body not JSON or not \
            recorded, requests the ledger never compared), 2 bad input.
            """
    )

    @Option(help: "The version the client speaks now.")
    var from: String

    @Option(help: "The newer version it would move to.")
    var to: String

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "Recordings of the client's traffic (HAR or JSON lines), one or more.",
            valueName: "file"
        )
    )
    var traffic: [String] = []

    @Option(help: "The field that names the version that served an exchange, as the gateway's --version-header.")
    var versionHeader = "API-Version"

    @Option(help: "The path the API is mounted under in the recording (/api), taken off every request's path.")
    var basePath: String?

    @Option(
        help:
            "Check this client (as the ledger names it, or a registered client's name) from the usage ledger instead of traffic."
    )
    var client: String?

    @Option(help: "The usage ledger for --client: sqlite:PATH or postgres://USER@HOST:PORT/DB.")
    var store = UsageOptions.defaultStore

    @Option(
        help: ArgumentHelp(
            "For --client, the window: the last N days (30d), weeks (4w), or since a day (2026-11-01).",
            valueName: "window"
        )
    )
    var since = "30d"

    @OptionGroup var versionOptions: VersionOptions

    @Option(help: "text, markdown, json or junit.")
    var format: CheckFormat = .text

    @Option(help: "Write the result to FILE (whole, or not at all) instead of standard output.")
    var output: String?

    func run() async throws {
        let result = try await CommandFailure.reporting {
            let badInput = ExitCode(2)
            guard self.traffic.isEmpty != (self.client == nil) else {
                throw CommandFailure(
                    message: "name what to check: --traffic FILE…, or --client ID to read the usage ledger (not both)",
                    exitCode: badInput
                )
            }
            let result: MigrationCheckResult
            let rendered: String
            do {
                let catalog = try self.versionOptions.load(default: .workingDirectory).catalog
                let from = try Self.version(self.from, option: "--from")
                let to = try Self.version(self.to, option: "--to")
                if var client = self.client {
                    guard ClientIdentifier.isLedgerClient(client) else {
                        throw MigrationCheckError(
                            "--client '\(client)' is not a client the ledger keeps: a registry id, a token "
                                + "fingerprint (fp_…), an X-Client-ID value (1 to 64 letters, digits and -._:@) or anonymous"
                        )
                    }
                    let now = try ProcessClock.fromEnvironment()()
                    let window = try ReportWindow(parsing: self.since, endingAt: now)
                    let usage = try await LedgerReader.read(self.store, since: window.since)
                    // The ledger keys registered clients by id; people name them.
                    if !usage.requests.keys.contains(where: { $0.client == client }),
                        let id = try await LedgerReader.registeredID(named: client, store: self.store)
                    {
                        client = id
                    }
                    let evidence = LedgerEvidence(
                        client: client,
                        served: from,
                        window: "since \(self.since)",
                        usage: usage
                    )
                    result = try MigrationCheckResult(catalog: catalog, from: from, to: to, ledger: evidence)
                } else {
                    var check = try MigrationCheck(
                        catalog: catalog,
                        from: from,
                        to: to,
                        versionField: self.versionHeader
                    )
                    try TrafficFiles.read(self.traffic) { check.examine($0) }
                    result = check.result(files: self.traffic)
                    guard result.requests > 0 else {
                        throw MigrationCheckError(
                            "no exchange recorded was served in \(from): \(result.otherVersions) name another version "
                                + "in \(self.versionHeader); record the client's \(from) traffic"
                        )
                    }
                    if result.unplaced.count == result.requests, let base = result.hiddenBasePath {
                        throw MigrationCheckError(
                            "none of the \(result.requests) requests is to an endpoint the manifests name, but under "
                                + "\(base) some are: take the base path off with --base-path \(base)"
                        )
                    }
                }
                rendered = result.rendered(as: self.format)
                if let output = self.output {
                    try OutputFile.write(rendered, to: output, naming: "the check")
                    try OutputFile.writeToStandardOutput(result.verdict + "\n")
                } else {
                    try OutputFile.writeToStandardOutput(rendered)
                }
            } catch let failure as CommandFailure {
                // Everything that stops a check is bad input here: status 1 means a breaking change hits.
                throw CommandFailure(message: failure.lines.joined(separator: "; "), exitCode: badInput)
            } catch let error as MigrationCheckError {
                throw CommandFailure(message: error.description, exitCode: badInput)
            } catch let error as TrafficError {
                throw CommandFailure(message: error.description, exitCode: badInput)
            }
            return result
        }
        if !result.passed { throw ExitCode.failure }
    }

    private static func version(_ text: String, option: String) throws(MigrationCheckError) -> VersionName {
        guard let name = VersionName(text) else {
            throw MigrationCheckError("\(option) '\(text)' is not a version name (v1, v2, … or 2024-06-20)")
        }
        return name
    }
}

extension CheckFormat: ExpressibleByArgument {}

extension LedgerEvidence {
    /// What `usage` holds of `client`'s requests served in `served`.
    init(client: String, served: VersionName, window: String, usage: UsageBatch) {
        let servedName = served.description
        var requests: [Route: Int] = [:]
        for (row, tally) in usage.requests where row.client == client && row.servedVersion == servedName {
            requests[Route(method: row.method, route: row.route), default: 0] += Int(tally.count)
        }
        var changes: [ChangeReference: Int] = [:]
        for (row, tally) in usage.changes where row.client == client && row.servedVersion == servedName {
            guard let version = VersionName(row.changeVersion) else { continue }
            changes[ChangeReference(version: version, id: row.changeID), default: 0] += Int(tally.count)
        }
        var evaluated: [VersionName: Int] = [:]
        var previewed: [VersionName: Int] = [:]
        for (row, tally) in usage.evaluations where row.client == client && row.servedVersion == servedName {
            guard let version = VersionName(row.evaluatedVersion) else { continue }
            evaluated[version, default: 0] += Int(tally.count)
            if row.via == EvaluationMode.preview.rawValue { previewed[version, default: 0] += Int(tally.count) }
        }
        self.init(
            client: client,
            window: window,
            requests: requests,
            changes: changes,
            evaluated: evaluated,
            previewed: previewed
        )
    }
}
