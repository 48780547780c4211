import Foundation
import Gateway
import Versioning

/// The clock lifecycle decisions use: the system's, unless `VERSIONGATE_NOW` (RFC 3339) fixes it for the whole
/// process, to test or rehearse a schedule (deprecation, brownouts, sunset) before it happens.
enum ProcessClock {
    static let environmentVariable = "VERSIONGATE_NOW"

    /// - Throws: a ``CommandFailure`` when `VERSIONGATE_NOW` is set but is no RFC 3339 time.
    static func fromEnvironment() throws(CommandFailure) -> @Sendable () -> Instant {
        guard let text = ProcessInfo.processInfo.environment[Self.environmentVariable] else { return SystemClock.now }
        guard let instant = Instant(rfc3339: text) else {
            throw CommandFailure(
                message: "\(Self.environmentVariable) '\(text)' is not an RFC 3339 time like 2026-05-04T09:00:00Z"
            )
        }
        return { instant }
    }
}
