import Versioning

/// The fields each lifecycle phase of one version adds to its responses, prepared once per version because they
/// depend only on its manifest: `API-Version` and `Vary` always; `API-Version-Status: draft` for a draft;
/// `Deprecation` (RFC 9745), `Sunset` (RFC 8594) and `Link`s to the migration guide once deprecated.
struct LifecycleStamps: Sendable {
    let plain: [HTTPField]
    let draft: [HTTPField]
    let deprecated: [HTTPField]
    /// Where the guide from this version to its successor lives, if it has one.
    let guide: GuideLink?

    init(manifest: VersionManifest, headerName: String, guides: GuideLinks) {
        self.plain = Self.plainFields(version: manifest.name, headerName: headerName)
        self.draft = self.plain + [HTTPField("API-Version-Status", "draft")]
        self.guide = manifest.successor.map { guides.link(from: manifest.name, to: $0) }
        var deprecated = self.plain
        if let date = manifest.deprecated {
            deprecated.append(HTTPField("Deprecation", Instant(date).structuredFieldDate))
        }
        if let sunset = manifest.sunset {
            deprecated.append(HTTPField("Sunset", Instant(sunset).imfFixdate))
        }
        if let guide = self.guide {
            deprecated.append(HTTPField("Link", "<\(guide.url)>; rel=\"deprecation\"; type=\"\(guide.mediaType)\""))
            deprecated.append(Self.successorLink(guide.url))
        }
        self.deprecated = deprecated
    }

    /// The deprecated fields with the `successor-version` link pointing at `target` (the same resource in the
    /// successor version, for a client that names versions in the path) instead of at the migration guide.
    func deprecated(successorVersionAt target: String) -> [HTTPField] {
        let guideLink = self.guide.map { Self.successorLink($0.url) }
        return self.deprecated.map { $0 == guideLink ? Self.successorLink(target) : $0 }
    }

    /// `Link: <target>; rel="successor-version"` (RFC 5829 §3.5).
    private static func successorLink(_ target: String) -> HTTPField {
        HTTPField("Link", "<\(target)>; rel=\"successor-version\"")
    }
}

extension LifecycleStamps {
    /// `<header>: <version>` and `Vary: <header>`: responses differ by the version header, so caches must key on it.
    static func plainFields(version: VersionName, headerName: String) -> [HTTPField] {
        [HTTPField(headerName, version.description), HTTPField("Vary", headerName)]
    }
}

/// A migration guide's address and media type.
public struct GuideLink: Sendable, Equatable {
    public let url: String
    public let mediaType: String
}

/// Where migration guides are published: under a documentation site when one is configured (as HTML), else served
/// by the gateway itself under its admin prefix (as Markdown).
public struct GuideLinks: Sendable {
    let documentationBaseURL: String?
    let adminPathPrefix: String

    public func link(from older: VersionName, to newer: VersionName) -> GuideLink {
        let name = "\(older)-to-\(newer)"
        if let base = self.documentationBaseURL {
            return GuideLink(url: base + "/" + name, mediaType: "text/html")
        }
        return GuideLink(url: "\(self.adminPathPrefix)/guides/\(name)", mediaType: "text/markdown")
    }
}
