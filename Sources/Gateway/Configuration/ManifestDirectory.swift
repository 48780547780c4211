import Foundation
import Versioning

/// Reads the version manifests of a directory (`versions/`) at start-up. Blocking file I/O: never on a loop.
public enum ManifestDirectory {
    public static func loadCatalog(from directory: String) throws(ManifestError) -> VersionCatalog {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw ManifestError(file: directory, message: "cannot read the versions directory")
        }
        var files: [(path: String, text: String)] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else { throw ManifestError(file: path, message: "cannot read the file as UTF-8 text") }
            files.append((path, text))
        }
        return try VersionCatalog.decode(files: files, source: directory)
    }
}
