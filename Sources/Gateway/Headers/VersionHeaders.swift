import Versioning

/// The fields that tell a client which version served its response.
enum VersionHeaders {
    /// `<header>: <version>` and `Vary: <header>` (responses differ by the version header, so caches must key
    /// on it).
    static func fields(version: VersionName, headerName: String) -> [HTTPField] {
        [HTTPField(headerName, version.description), HTTPField("Vary", headerName)]
    }
}
