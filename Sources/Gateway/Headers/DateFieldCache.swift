import Glibc
import Versioning

/// The `Date` field every response carries (RFC 9110 §6.6.1: a server with a clock sends it, and a gateway adds it
/// to a forwarded response that lacks it), as the bytes of one field line, formatted once a second.
///
/// Concurrency: one per loop, confined to it.
final class DateFieldCache {
    private var second: time_t = -1
    private var line: [UInt8] = []

    /// `Date: Sun, 29 Nov 2026 21:21:44 GMT\r\n` for the current second of the wall clock.
    func currentLine() -> [UInt8] {
        let now = time(nil)
        if now != self.second {
            self.second = now
            self.line = Array("Date: \(Instant(secondsSinceEpoch: Int64(now)).imfFixdate)\r\n".utf8)
        }
        return self.line
    }
}
