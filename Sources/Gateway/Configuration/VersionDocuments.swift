import Foundation
import Versioning

/// The texts of a versions directory (`v1.yaml`, …) and of its migration guides directory (`v1-to-v2.md`, …),
/// read at start-up or reload. Blocking file I/O: never on a loop.
public struct VersionDocuments: Sendable {
    /// The versions directory as the user named it, for findings about the whole set (`no version manifests`).
    public var directory: String
    public var manifestFiles: [(path: String, text: String)]
    /// Guides by file name; nil when there is no guides directory to check against.
    public var guides: [String: String]?

    /// Why the directories could not be read (as opposed to manifests that read but are wrong).
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// The manifests and guides compiled into the binary.
    public static let bundled = VersionDocuments(
        manifestFiles: BundledManifests.files.map { ("versions/" + $0.name, $0.text) },
        guides: Dictionary(uniqueKeysWithValues: BundledManifests.guides.map { ($0.name, $0.text) })
    )

    public init(
        directory: String = "versions",
        manifestFiles: [(path: String, text: String)],
        guides: [String: String]?
    ) {
        self.directory = directory
        self.manifestFiles = manifestFiles
        self.guides = guides
    }

    /// Reads `*.yaml` from `versions` and `*.md` from `guides` (default: `migration-guides` beside `versions`).
    public static func read(versions: String, guides: String?) throws(ReadError) -> VersionDocuments {
        let guidesDirectory =
            guides
            ?? ((versions as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("migration-guides")
        let manifests = try self.texts(in: versions, suffixes: [".yaml", ".yml"], required: true)
        let guideTexts = try self.texts(in: guidesDirectory, suffixes: [".md"], required: guides != nil)
        return VersionDocuments(
            directory: versions,
            manifestFiles: manifests,
            guides: Dictionary(
                guideTexts.map { (($0.path as NSString).lastPathComponent, $0.text) },
                uniquingKeysWith: { a, _ in a }
            )
        )
    }

    /// The check of these documents under `rules`.
    public func check(rules: VersionPolicy.Rules) -> VersionCheck {
        VersionCheck(
            manifestFiles: self.manifestFiles,
            guideNames: self.guides.map { Set($0.keys) },
            rules: rules,
            directory: self.directory
        )
    }

    private static func texts(
        in directory: String,
        suffixes: [String],
        required: Bool
    ) throws(ReadError)
        -> [(path: String, text: String)]
    {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            if !required { return [] }
            throw ReadError(description: "\(directory): cannot read the directory")
        }
        var files: [(path: String, text: String)] = []
        for name in names.sorted() where suffixes.contains(where: name.hasSuffix) {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else { throw ReadError(description: "\(path): cannot read the file as UTF-8 text") }
            files.append((path, text))
        }
        return files
    }
}
