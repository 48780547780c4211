/// Where a version stands at a given moment, as its status and dates decide it. Dates rule: a schedule written in
/// advance (a `deprecated` or `sunset` date in the future, brownout windows) takes effect on its own.
public enum LifecyclePhase: Sendable, Equatable {
    /// Served plainly.
    case active
    /// Served only to clients allowed to preview it, each response marked as a draft.
    case draft(PreviewAccess)
    /// Served with `Deprecation`, `Sunset` and `Link` fields.
    case deprecated(since: Instant, sunset: Instant?)
    /// Answers `410 Gone` until `until`, as if retired.
    case brownout(until: Instant)
    /// Answers `410 Gone` for good.
    case retired(since: Instant?)
}

/// The lifecycle decision: pure, a function of a manifest and an instant.
public enum VersionLifecycle {
    public static func phase(of manifest: VersionManifest, at now: Instant) -> LifecyclePhase {
        if let sunset = manifest.sunset.map(Instant.init), now >= sunset { return .retired(since: sunset) }
        if manifest.status == .retired { return .retired(since: manifest.sunset.map(Instant.init)) }
        if let window = manifest.brownouts.first(where: { $0.contains(now) }) { return .brownout(until: window.end) }
        if let deprecated = manifest.deprecated.map(Instant.init), now >= deprecated {
            return .deprecated(since: deprecated, sunset: manifest.sunset.map(Instant.init))
        }
        if manifest.status == .draft { return .draft(manifest.preview) }
        return .active
    }
}
