/// Where a version stands in its life, as its manifest declares it.
public enum VersionStatus: String, Sendable, CaseIterable {
    /// Not yet released; served only to clients allowed to preview it.
    case draft
    /// The version clients get when they name none.
    case current
    /// Still served, with `Deprecation` and `Sunset` headers, until its sunset.
    case deprecated
    /// No longer served: `410 Gone`.
    case retired
}

/// One version as declared in `versions/<name>.yaml`: its lifecycle and its place in the chain of versions.
public struct VersionManifest: Sendable, Equatable {
    public var name: VersionName
    public var status: VersionStatus
    public var released: CalendarDate?
    public var deprecated: CalendarDate?
    public var sunset: CalendarDate?
    /// The version this one changes, nil for the first.
    public var previous: VersionName?
    /// The version that replaces this one, once there is one.
    public var successor: VersionName?
    /// A one-paragraph description for guides and reports.
    public var summary: String?

    public init(
        name: VersionName,
        status: VersionStatus,
        released: CalendarDate? = nil,
        deprecated: CalendarDate? = nil,
        sunset: CalendarDate? = nil,
        previous: VersionName? = nil,
        successor: VersionName? = nil,
        summary: String? = nil
    ) {
        self.name = name
        self.status = status
        self.released = released
        self.deprecated = deprecated
        self.sunset = sunset
        self.previous = previous
        self.successor = successor
        self.summary = summary
    }
}
