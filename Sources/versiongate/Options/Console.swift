import Foundation
import Versioning

/// Status lines for the operator, on standard error so that standard output stays clean for data.
enum Console {
    static func status(_ line: String) {
        FileHandle.standardError.write(Data("versiongate: \(line)\n".utf8))
    }
}

extension VersionCatalog {
    /// `v1 current, v2 draft`.
    var summary: String {
        self.manifests.map { "\($0.name) \($0.status.rawValue)" }.joined(separator: ", ")
    }
}
