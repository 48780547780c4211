import ArgumentParser
import Foundation
import Gateway
import Store
import Usage

/// How `serve` and `demo` record requests: the usage ledger's store and how often it is written, the metrics, and
/// the access log.
struct UsageOptions: ParsableArguments {
    static let defaultStore = "sqlite:versiongate-usage.db"

    @Option(
        help: ArgumentHelp(
            "Where the usage ledger lives: sqlite:PATH, postgres://USER@HOST:PORT/DB (password from PGPASSWORD, "
                + "PGPASSWORD_FILE or PGPASSFILE), or off.",
            valueName: "store"
        )
    )
    var store = Self.defaultStore

    @Option(parsing: .unconditional, help: "Seconds between writes of the usage ledger.")
    var flushInterval: Double = 5

    @Option(help: ArgumentHelp("Serve Prometheus metrics under the admin prefix: on or off.", valueName: "on|off"))
    var metrics = "on"

    @Flag(inversion: .prefixedNo, help: "Serve metrics without the admin token (for a scraper on a private network).")
    var metricsPublic = false

    @Option(
        help: ArgumentHelp(
            "Where to write a line per request to the API: off, stdout or a file.",
            valueName: "off|stdout|file"
        )
    )
    var accessLog = "off"

    @Option(help: "How access log lines look: text (logfmt) or json (one object per line).")
    var logFormat: AccessLogFormat = .text

    func validate() throws {
        guard self.flushInterval >= 0.1, self.flushInterval <= 3600 else {
            throw ValidationError("--flush-interval must be between 0.1 and 3600 seconds")
        }
        guard ["on", "off"].contains(self.metrics) else { throw ValidationError("--metrics must be on or off") }
        guard !self.metricsPublic || self.metrics == "on" else {
            throw ValidationError("--metrics-public needs --metrics on")
        }
    }

    /// Opens the store (creating and migrating its schema) and the access log, and starts the flusher and the log
    /// writer.
    /// - Throws: ``CommandFailure`` in one line when the store or the access log cannot be opened, or a key or the
    ///   admin token in the environment is unusable.
    func start(environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> RunningUsage {
        let adminToken = try Self.adminToken(environment)
        let key: FingerprintKey
        do { key = try FingerprintKey.fromEnvironment(environment) } catch {
            throw CommandFailure(message: error.description)
        }
        let accessLog =
            try self.accessLog == "off" ? nil : AccessLogWriter(destination: self.accessLog, format: self.logFormat)
        var ledger: (location: StoreLocation, store: any UsageStore)?
        if self.store != "off" {
            let location: StoreLocation
            do { location = try StoreLocation(parsing: self.store) } catch {
                throw CommandFailure(message: "--store: \(error)")
            }
            do { ledger = (location, try await UsageStores.open(location, environment: environment)) } catch {
                throw CommandFailure(message: error.description)
            }
        }
        return RunningUsage(
            ledger: ledger,
            metrics: self.metrics == "on",
            accessLog: accessLog,
            fingerprintKey: key,
            interval: .milliseconds(Int64(self.flushInterval * 1000)),
            adminToken: adminToken,
            metricsArePublic: self.metricsPublic
        )
    }

    /// The admin token from `VERSIONGATE_ADMIN_TOKEN` or the file `VERSIONGATE_ADMIN_TOKEN_FILE`; nil when neither
    /// is set.
    private static func adminToken(_ environment: [String: String]) throws -> AdminToken? {
        let secret: String
        switch (environment["VERSIONGATE_ADMIN_TOKEN"], environment["VERSIONGATE_ADMIN_TOKEN_FILE"]) {
        case (.some, .some):
            throw CommandFailure(message: "set VERSIONGATE_ADMIN_TOKEN or VERSIONGATE_ADMIN_TOKEN_FILE, not both")
        case (let token?, nil):
            secret = token
        case (nil, let path?):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure(message: "cannot read the admin token file \(path) (VERSIONGATE_ADMIN_TOKEN_FILE)")
            }
            secret = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        case (nil, nil):
            return nil
        }
        do { return try AdminToken(secret) } catch { throw CommandFailure(message: error.description) }
    }
}

extension AccessLogFormat: ExpressibleByArgument {}
