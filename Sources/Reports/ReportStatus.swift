import Versioning

/// Where a version stands when the report is generated, as its clients experience it: the lifecycle phase at that
/// instant (dates rule over the declared status), with the default version told apart from other active ones.
public enum ReportStatus: String, Sendable, CaseIterable {
    /// Not yet released: served only to the clients allowed to preview it, and still free to change.
    case draft
    /// The version clients get when they name none.
    case current
    /// Served plainly, but not the default: a deprecation may be scheduled for later.
    case active
    /// Served with `Deprecation` and `Sunset` fields (in a brownout window too): its clients should migrate.
    case deprecated
    /// Past its sunset: answers `410 Gone`.
    case retired

    /// The status of `manifest` at `now` in a catalog whose default version is `defaultVersion`.
    init(of manifest: VersionManifest, at now: Instant, defaultVersion: VersionName) {
        switch VersionLifecycle.phase(of: manifest, at: now) {
        case .draft: self = .draft
        case .active: self = manifest.name == defaultVersion ? .current : .active
        case .deprecated, .brownout: self = .deprecated
        case .retired: self = .retired
        }
    }

    /// Whether the clients of a version in this status must act: migrate off it, or expect it to change.
    public var putsClientsAtRisk: Bool {
        switch self {
        case .draft, .deprecated, .retired: true
        case .current, .active: false
        }
    }
}
