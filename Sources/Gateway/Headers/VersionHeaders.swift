import Versioning

/// The fields that tell a client which version served its response.
enum VersionHeaders {
    /// Adds `<header>: <version>` and `Vary: <header>` (responses differ by the version header, so caches
    /// must key on it).
    static func stamp(_ headers: inout [HTTPField], version: VersionName, headerName: String) {
        headers.append(HTTPField(headerName, version.description))
        headers.append(HTTPField("Vary", headerName))
    }
}
