import Versioning

/// Why a check cannot run: one line, for a CLI to print before it exits with status 2.
public struct MigrationCheckError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    /// Checks that both versions exist and that `from` is the older.
    static func validate(from: VersionName, to: VersionName, in catalog: VersionCatalog) throws(MigrationCheckError) {
        for (option, name) in [("--from", from), ("--to", to)] where catalog[name] == nil {
            let known = catalog.names.map(\.description).joined(separator: ", ")
            throw MigrationCheckError("\(option) \(name) is not a known version (known: \(known))")
        }
        guard from < to else {
            throw MigrationCheckError(
                "--from \(from) is not older than --to \(to): a check reads the way from an older version to a newer one"
            )
        }
    }
}
