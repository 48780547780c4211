import Foundation
import Yams

/// `serve --config FILE`: a YAML mapping of `serve`'s options, by their long names (`upstream:`, `auth:`,
/// `version-upstream:`), read before the command line, which overrides it: a value given on the command line
/// replaces the file's, a repeatable option given there replaces all of the file's values, and `--no-NAME` turns off
/// a flag the file turns on.
///
/// Relative paths (`versions`, `guides`, a `sqlite:` store, an access log file) are relative to the file's directory,
/// so a config file works from anywhere. A file is refused, in one line naming its line, for an unknown key, a value
/// of the wrong shape, and any secret: a key named like one (`admin-token`, `password`), a URL
/// with a password, or a VersionGate token. Secrets come from the environment or files named by `*_FILE` variables.
enum ServeConfigFile {
    /// How an option takes its value.
    enum Kind {
        /// `--name value`.
        case value
        /// `--name` when the file says `true`, `--no-name` when it says `false`.
        case flag
        /// `--name value`, once per item of a list (or per `key: value` of a mapping, as `key=value`).
        case list
    }

    /// Every `serve` option a file may set, by long name. A test holds it to `serve --help`.
    static let keys: [String: Kind] = [
        "host": .value, "port": .value, "threads": .value, "versions": .value, "guides": .value,
        "min-sunset-months": .value, "upstream-timeout": .value, "idle-timeout": .value, "header-timeout": .value,
        "body-timeout": .value, "drain-timeout": .value, "max-body-bytes": .value, "max-buffered-bytes": .value,
        "version-header": .value,
        "version-query": .value, "version-path-prefix": .flag, "keep-version-prefix": .flag, "admin-prefix": .value,
        "client-id-header": .value, "preview-header": .value, "docs-base-url": .value, "via": .value,
        "store": .value, "flush-interval": .value, "metrics": .value, "metrics-public": .flag, "access-log": .value,
        "log-format": .value, "auth": .value, "sandbox-upstream": .value, "pin-on-first-request": .flag,
        "forward-credentials": .flag, "upstream-client-id-header": .value, "upstream": .value,
        "upstream-version": .value, "version-upstream": .list,
    ]

    /// Keys whose values are paths, resolved against the file's directory when relative.
    private static let pathKeys: Set<String> = ["versions", "guides", "access-log", "store"]

    /// Where each secret comes from instead, for the message that refuses one.
    static let secretSources =
        "VERSIONGATE_ADMIN_TOKEN(_FILE), VERSIONGATE_FINGERPRINT_KEY(_FILE), PGPASSWORD(_FILE) or PGPASSFILE"

    /// `arguments` (without the program name) with the config file of a `serve` command spliced in before the
    /// command line's own options; unchanged for any other command or without `--config`.
    /// - Throws: ``CommandFailure`` in one line: the file cannot be read, or is refused.
    static func expand(_ arguments: [String]) throws -> [String] {
        guard arguments.first == "serve" else { return arguments }
        let given = Array(arguments.dropFirst())
        var path: String?
        for (index, word) in given.enumerated() {
            if word == "--config", index + 1 < given.count { path = given[index + 1] }
            if word.hasPrefix("--config=") { path = String(word.dropFirst(9)) }
        }
        guard let path else { return arguments }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(message: "cannot read the config file \(path)")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fromFile = try self.arguments(
            fromYAML: String(decoding: data, as: UTF8.self),
            file: path,
            directory: directory,
            overriddenBy: Set(given.compactMap(Self.optionName))
        )
        return ["serve"] + fromFile + given
    }

    /// The command-line words `text` stands for.
    /// - Parameters:
    ///   - file: the file's name, for messages.
    ///   - directory: what relative paths are relative to.
    ///   - overridden: options the command line gives: a repeatable one given there is left out of the file's.
    static func arguments(
        fromYAML text: String,
        file: String,
        directory: String,
        overriddenBy overridden: Set<String> = []
    ) throws -> [String] {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw CommandFailure(message: "\(file): not YAML: \(Self.oneLine(error))")
        }
        guard let root else { return [] }
        guard let mapping = root.mapping else {
            throw CommandFailure(message: "\(file): must be a mapping of serve's options (upstream: …, auth: …)")
        }
        var words: [String] = []
        for (keyNode, value) in mapping {
            let line = keyNode.mark?.line ?? 0
            func refuse(_ reason: String) -> CommandFailure { CommandFailure(message: "\(file):\(line): \(reason)") }
            guard let key = keyNode.scalar?.string else { throw refuse("keys must be option names") }
            guard let kind = Self.keys[key] else {
                if Self.looksLikeSecret(key) {
                    throw refuse(
                        "'\(key)' looks like a secret, and secrets never go in a config file: use the environment "
                            + "(\(Self.secretSources))"
                    )
                }
                throw refuse(
                    "unknown key '\(key)'" + (Self.suggestion(for: key).map { " (did you mean '\($0)'?)" } ?? "")
                )
            }
            switch kind {
            case .value:
                guard let scalar = value.scalar?.string else { throw refuse("'\(key)' takes one value") }
                let isNull = value.scalar?.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar)
                guard !isNull, !scalar.isEmpty else { throw refuse("'\(key)' has no value") }
                try Self.checkNotSecret(scalar, key: key, refuse: refuse)
                // `--name=value`: a value starting with `-` is a value, not another option.
                words.append("--\(key)=" + (Self.pathKeys.contains(key) ? Self.resolve(scalar, in: directory) : scalar))
            case .flag:
                switch value.scalar?.string {
                case "true": words.append("--" + key)
                case "false": words.append("--no-" + key)
                default: throw refuse("'\(key)' is true or false")
                }
            case .list:
                guard !overridden.contains(key) else { continue }
                let items: [String]
                if let sequence = value.sequence {
                    items = try sequence.map { item in
                        guard let text = item.scalar?.string else { throw refuse("'\(key)' items are single values") }
                        return text
                    }
                } else if let pairs = value.mapping {
                    items = try pairs.map { name, item in
                        guard let name = name.scalar?.string, let text = item.scalar?.string else {
                            throw refuse("'\(key)' maps names to single values")
                        }
                        return name + "=" + text
                    }
                } else {
                    throw refuse("'\(key)' takes a list or a mapping")
                }
                for item in items {
                    guard !item.isEmpty else { throw refuse("'\(key)' has an empty item") }
                    try Self.checkNotSecret(item, key: key, refuse: refuse)
                    words.append("--\(key)=" + item)
                }
            }
        }
        return words
    }

    /// `name` of `--name`, `--no-name` or `--name=value`; nil for a value.
    private static func optionName(_ word: String) -> String? {
        guard word.hasPrefix("--") else { return nil }
        let name = word.dropFirst(2).prefix { $0 != "=" }
        return String(name.hasPrefix("no-") && Self.keys[String(name.dropFirst(3))] == .flag ? name.dropFirst(3) : name)
    }

    private static func looksLikeSecret(_ key: String) -> Bool {
        ["token", "password", "passwd", "secret", "key", "credential"].contains { key.lowercased().contains($0) }
    }

    /// Refuses a value that is a secret: a URL with a password or a credential in its query, or a VersionGate
    /// token.
    private static func checkNotSecret(
        _ value: String,
        key: String,
        refuse: (String) -> CommandFailure
    ) throws {
        if value.contains("vg_live_") || value.contains("vg_test_") {
            throw refuse("'\(key)' holds a client token, and secrets never go in a config file")
        }
        if let query = value.split(separator: "?", maxSplits: 1).dropFirst().first,
            query.split(separator: "&").contains(where: { Self.looksLikeSecret(String($0.prefix { $0 != "=" })) })
        {
            throw refuse(
                "'\(key)' holds a credential in its URL's query, and secrets never go in a config file: use the "
                    + "environment (\(Self.secretSources))"
            )
        }
        if let scheme = value.range(of: "://"), let at = value[scheme.upperBound...].lastIndex(of: "@"),
            value[scheme.upperBound..<at].contains(":")
        {
            throw refuse(
                "'\(key)' holds a password in its URL, and secrets never go in a config file: use the environment "
                    + "(\(Self.secretSources))"
            )
        }
    }

    /// `value` against `directory` when it is a relative path (`sqlite:` stores included; `off` and `stdout`
    /// are not paths).
    private static func resolve(_ value: String, in directory: String) -> String {
        if value == "off" || value == "stdout" || value.contains("://") { return value }
        if value.hasPrefix("sqlite:") { return "sqlite:" + Self.resolve(String(value.dropFirst(7)), in: directory) }
        if value.hasPrefix("/") { return value }
        return URL(fileURLWithPath: directory).appendingPathComponent(value).standardizedFileURL.path
    }

    /// The known key one edit away from `key`, if any.
    private static func suggestion(for key: String) -> String? {
        self.keys.keys.sorted().first { Self.distance($0, key) <= 2 }
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let (a, b) = (Array(a), Array(b))
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }

    private static func oneLine(_ error: any Error) -> String {
        "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
    }
}
