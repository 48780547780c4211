import Foundation
import Testing

/// The repository's own files, found from this file's place in it (`Tests/VersioningTests/`).
enum RepositoryFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The text of the file at `path`, relative to the repository.
    static func text(_ path: String) throws -> String {
        try String(contentsOf: self.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Expects the files of `directory` whose names end in one of `suffixes` to be exactly `bundled`, both ways: the
    /// same names, and the same text under each. Other files (`versions/README.md`) are not compared.
    static func expectDirectory(
        _ directory: String,
        suffixes: [String],
        toMatch bundled: [(name: String, text: String)],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let onDisk = Set(
            try FileManager.default.contentsOfDirectory(atPath: self.root.appendingPathComponent(directory).path)
                .filter { name in suffixes.contains { name.hasSuffix($0) } }
        )
        let compiled = Set(bundled.map(\.name))
        let fix = "update BundledManifests.swift"
        #expect(bundled.count == compiled.count, "BundledManifests lists a file twice", sourceLocation: sourceLocation)
        #expect(
            onDisk.subtracting(compiled).sorted() == [],
            "in \(directory)/ but not bundled: \(fix)",
            sourceLocation: sourceLocation
        )
        #expect(
            compiled.subtracting(onDisk).sorted() == [],
            "bundled but not in \(directory)/: \(fix)",
            sourceLocation: sourceLocation
        )
        for (name, text) in bundled where onDisk.contains(name) {
            #expect(
                try self.text(directory + "/" + name) == text,
                "\(directory)/\(name) and BundledManifests differ: \(fix)",
                sourceLocation: sourceLocation
            )
        }
    }
}
