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

/// Who may use a draft version.
public enum PreviewAccess: Sendable, Equatable {
    /// Every client.
    case open
    /// Only these client ids; nobody when empty.
    case clients(Set<String>)

    public func allows(_ clientID: String?) -> Bool {
        switch self {
        case .open: true
        case .clients(let ids): clientID.map(ids.contains) ?? false
        }
    }
}

/// A window before the sunset in which a version answers as if it were already retired, so that clients still
/// calling it notice in time (`brownouts: [{start: …, end: …}]`).
public struct BrownoutWindow: Sendable, Equatable {
    public var start: Instant
    public var end: Instant

    public init(start: Instant, end: Instant) {
        self.start = start
        self.end = end
    }

    /// Whether `instant` falls inside the window (start included, end excluded).
    public func contains(_ instant: Instant) -> Bool { self.start <= instant && instant < self.end }
}

/// Something a released version gained after its release: dated, and only ever non-breaking.
public struct Addition: Sendable, Equatable {
    public var date: CalendarDate
    public var summary: String
    public var breaking: Bool

    public init(date: CalendarDate, summary: String, breaking: Bool = false) {
        self.date = date
        self.summary = summary
        self.breaking = breaking
    }
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
    public var brownouts: [BrownoutWindow]
    /// Who may use the version while it is a draft.
    public var preview: PreviewAccess
    public var additions: [Addition]
    /// The file the manifest came from, for messages.
    public var source: String
    /// What changed against the previous version, in order.
    public var changes: [VersionChange]

    public init(
        name: VersionName,
        status: VersionStatus,
        released: CalendarDate? = nil,
        deprecated: CalendarDate? = nil,
        sunset: CalendarDate? = nil,
        previous: VersionName? = nil,
        successor: VersionName? = nil,
        summary: String? = nil,
        brownouts: [BrownoutWindow] = [],
        preview: PreviewAccess = .clients([]),
        additions: [Addition] = [],
        source: String? = nil,
        changes: [VersionChange] = []
    ) {
        self.name = name
        self.status = status
        self.released = released
        self.deprecated = deprecated
        self.sunset = sunset
        self.previous = previous
        self.successor = successor
        self.summary = summary
        self.brownouts = brownouts
        self.preview = preview
        self.additions = additions
        self.source = source ?? "versions/\(name).yaml"
        self.changes = changes
    }
}
