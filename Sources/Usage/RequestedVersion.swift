import Versioning

/// The version a request asked for, as the ledger records it: none (it got its pin or the default), a version of
/// the catalog, or one the gateway could not recognise (unknown, malformed, or named differently in two places).
public enum RequestedVersion: Hashable, Sendable, CustomStringConvertible {
    case none
    case named(VersionName)
    case unrecognized

    /// From a version that may be absent.
    public init(_ version: VersionName?) {
        self = version.map(RequestedVersion.named) ?? .none
    }

    /// `none`, the version's name, or `unknown`: the ledger's, the metrics' and the access log's word for it.
    public var description: String {
        switch self {
        case .none: "none"
        case .named(let version): version.description
        case .unrecognized: "unknown"
        }
    }

    /// The store's column: nil for none (stored as `none`), else ``description``.
    var storedName: String? {
        if case .none = self { return nil }
        return self.description
    }
}
