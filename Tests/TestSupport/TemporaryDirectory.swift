import Foundation

/// Fresh directories under the system's temporary directory, for what a test's process writes.
public enum TemporaryDirectory {
    /// Creates an empty directory named `prefix-<UUID>` and returns its URL.
    public static func make(prefix: String = "versiongate-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
