/// Decides which version serves a request: the one its `API-Version` header names, else the client's pin,
/// else the catalog's default.
public struct VersionResolver: Sendable {
    public let catalog: VersionCatalog
    /// Each version's name as text: most headers spell one exactly, and are resolved by comparing bytes.
    private let spelled: [(text: String, name: VersionName)]

    public init(catalog: VersionCatalog) {
        self.catalog = catalog
        self.spelled = catalog.manifests.map { ($0.name.description, $0.name) }
    }

    /// Why no version could be resolved.
    public enum Failure: Error, Sendable, Equatable {
        /// The header is not a version name at all (`latest`, `2`, empty).
        case malformed(String)
        /// A well-formed name that no manifest declares.
        case unknown(VersionName)
    }

    /// - Parameters:
    ///   - header: the value of the version header, if the request carried one.
    ///   - pinned: the version the client is pinned to, if any.
    public func resolve(header: String?, pinned: VersionName? = nil) -> Result<VersionName, Failure> {
        guard let header else { return .success(pinned ?? self.catalog.defaultVersion) }
        let trimmed = header.trimmingSpacesAndTabs()
        if let known = self.spelled.first(where: { $0.text.utf8.elementsEqual(trimmed.utf8) }) {
            return .success(known.name)
        }
        guard let name = VersionName(trimmed) else { return .failure(.malformed(String(trimmed))) }
        guard self.catalog.contains(name) else { return .failure(.unknown(name)) }
        return .success(name)
    }
}

extension StringProtocol where SubSequence == Substring {
    /// A field value without the optional whitespace around it (RFC 9110 §5.5: spaces and tabs).
    /// Walks UTF-8 bytes, not characters: forming characters was a fifth of resolving a version header.
    @inlinable public func trimmingSpacesAndTabs() -> Substring {
        let text = self[...]
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = text.utf8.firstIndex(where: { !isBlank($0) }),
            let last = text.utf8.lastIndex(where: { !isBlank($0) })
        else { return text[text.endIndex...] }
        return text[first...last]
    }
}
