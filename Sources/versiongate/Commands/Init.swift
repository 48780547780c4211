import ArgumentParser
import Foundation
import Versioning

/// `versiongate init [DIR]`: the first files of a team putting VersionGate in front of its own API.
struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a first version, a template for the next one, and a serve config file.",
        discussion: """
            Writes DIR/versions/v1.yaml (current, released today), DIR/versions/v2.yaml.example and \
            DIR/versiongate.yaml (every serve option, commented). Creates DIR if needed; refuses to overwrite \
            any file, writing nothing then.
            """
    )

    @Argument(help: "Where to write (default: the working directory).")
    var directory = "."

    func run() async throws {
        try await CommandFailure.reporting {
            let today = try ProcessClock.fromEnvironment()().calendarDate
            let root = URL(fileURLWithPath: self.directory)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw CommandFailure(message: "\(self.directory) is a file, not a directory: init writes nothing")
            }
            let files = StarterFiles.files(releasedOn: today)
            for file in files where FileManager.default.fileExists(atPath: root.appendingPathComponent(file.path).path)
            {
                throw CommandFailure(message: "\(self.shown(file.path)) exists already: init writes nothing over it")
            }
            var written: [URL] = []
            do {
                for file in files {
                    let url = root.appendingPathComponent(file.path)
                    try FileManager.default.createDirectory(
                        at: url.deletingLastPathComponent(),
                        withIntermediateDirectories: true
                    )
                    try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
                    written.append(url)
                }
            } catch {
                for url in written { try? FileManager.default.removeItem(at: url) }
                throw CommandFailure(message: "cannot write into \(self.directory): \(error.localizedDescription)")
            }
            print("wrote " + files.map { self.shown($0.path) }.joined(separator: ", "))
            print("next: set upstream in \(self.shown("versiongate.yaml")), then run")
            print("  versiongate serve --config \(self.shown("versiongate.yaml"))")
        }
    }

    /// `path` as the user would type it from where they ran `init`.
    private func shown(_ path: String) -> String {
        self.directory == "." ? path : (self.directory.hasSuffix("/") ? self.directory : self.directory + "/") + path
    }
}
