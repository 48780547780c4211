import Foundation
import TestSupport

/// A PostgreSQL cluster of one test's own, which the test may stop and start again on the same port: `initdb` into a
/// temporary directory, served on 127.0.0.1 with trust authentication for the role `postgres`.
///
/// The server refuses to run as root, so as root (like `.ci/run`) its programs run as the `postgres` user through
/// `runuser`, in a directory that user owns. Every step is bounded: `pg_ctl` waits at most 30 s, and each program is
/// killed after 60 s. Call ``destroy()`` when done, also on failure.
final class PrivatePostgres {
    /// Where the cluster's data, socket and server log live.
    let directory: URL
    /// The TCP port it serves on, the same after a restart.
    private(set) var port = 0
    private let bin: URL

    /// The ledger's `--store` value: the cluster's `postgres` database.
    var url: String { "postgres://postgres@127.0.0.1:\(self.port)/postgres" }

    /// Creates the cluster and starts it on a free port.
    init() throws {
        self.bin = try Self.latestBinaries()
        self.directory = try TemporaryDirectory.make(prefix: "versiongate-pg")
        do {
            if getuid() == 0 { try Self.giveToPostgresUser(self.directory) }
            try self.run(
                "initdb",
                ["-D", self.dataPath, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "-N"]
            )
            // Another process may take the port between its choice and the server's bind: try a few.
            for attempt in 1...5 {
                self.port = try ListeningTCPSocket().port
                do {
                    try self.start()
                    return
                } catch {
                    if attempt == 5 { throw error }
                }
            }
        } catch {
            self.destroy()
            throw error
        }
    }

    /// Starts the server on ``port`` and waits until it accepts connections.
    func start() throws {
        let options = "-c listen_addresses=127.0.0.1 -p \(self.port) -k \(self.directory.path) -c fsync=off"
        try self.run(
            "pg_ctl",
            ["-D", self.dataPath, "-l", self.directory.appendingPathComponent("server.log").path]
                + ["-w", "-t", "30", "-s", "-o", options, "start"]
        )
    }

    /// Stops the server at once (`-m fast`: connections are cut, as in an outage) and waits until it has exited.
    func stop() throws {
        try self.run("pg_ctl", ["-D", self.dataPath, "-m", "fast", "-w", "-t", "30", "-s", "stop"])
    }

    /// Stops the server if it runs and deletes the cluster.
    func destroy() {
        try? self.stop()
        try? FileManager.default.removeItem(at: self.directory)
    }

    private var dataPath: String { self.directory.appendingPathComponent("data").path }

    /// Runs one of PostgreSQL's programs, as `postgres` when this process is root.
    private func run(_ program: String, _ arguments: [String]) throws {
        let path = self.bin.appendingPathComponent(program).path
        let result =
            getuid() == 0
            ? try BoundedProcess.run("/usr/sbin/runuser", ["-u", "postgres", "--", path] + arguments)
            : try BoundedProcess.run(path, arguments)
        guard result.status == 0 else {
            let log = try? String(contentsOf: self.directory.appendingPathComponent("server.log"), encoding: .utf8)
            throw RawHTTPClient.Failure(
                description: "\(program) \(arguments.last ?? "") failed (\(result.status)): "
                    + "\(result.standardOutput)\(result.standardError)\(log ?? "")"
            )
        }
    }

    /// The newest `/usr/lib/postgresql/VERSION/bin` (Debian keeps PostgreSQL's programs off PATH).
    private static func latestBinaries() throws -> URL {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        guard
            let latest = versions.filter({ FileManager.default.fileExists(atPath: "\(root)/\($0)/bin/pg_ctl") })
                .max(by: { $0.compare($1, options: .numeric) == .orderedAscending })
        else {
            throw RawHTTPClient.Failure(description: "no PostgreSQL server programs in \(root)/*/bin")
        }
        return URL(fileURLWithPath: "\(root)/\(latest)/bin")
    }

    /// Makes `directory` the `postgres` user's, so that the server may create its data and socket there.
    private static func giveToPostgresUser(_ directory: URL) throws {
        guard let user = getpwnam("postgres"), chown(directory.path, user.pointee.pw_uid, user.pointee.pw_gid) == 0
        else {
            throw RawHTTPClient.Failure(description: "cannot give \(directory.path) to the postgres user")
        }
    }
}
