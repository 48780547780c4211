import Versioning

extension VersionCatalog {
    /// Two versions, the older deprecated in favour of the newer, which is current: the shape of a sunset in
    /// progress. Dates are `YYYY-MM-DD`; the names may be of either scheme.
    static func succession(
        from older: String,
        releasedOn olderRelease: String,
        deprecatedOn deprecation: String,
        sunsetOn sunset: String,
        to newer: String,
        releasedOn newerRelease: String
    ) -> VersionCatalog {
        let deprecated = VersionManifest(
            name: VersionName(older)!,
            status: .deprecated,
            released: CalendarDate(olderRelease),
            deprecated: CalendarDate(deprecation),
            sunset: CalendarDate(sunset),
            successor: VersionName(newer)
        )
        let current = VersionManifest(
            name: VersionName(newer)!,
            status: .current,
            released: CalendarDate(newerRelease),
            previous: VersionName(older)
        )
        return try! VersionCatalog([deprecated, current])
    }
}
