import Glibc
import Logging
import Versioning

/// One loop's access log lines not yet handed to the writer, and the formatting of each line.
///
/// Concurrency: confined to its loop.
final class AccessLogBuffer {
    /// Hand the buffer over once it holds this many bytes, without waiting for the next second.
    static let handOverAbove = 64 * 1024

    private(set) var bytes: [UInt8] = []
    private var second: Int = -1
    private var secondPrefix: [UInt8] = []

    /// The lines so far, leaving the buffer empty.
    func drain() -> [UInt8] {
        defer { self.bytes = [] }
        return self.bytes
    }

    /// The wall-clock time in RFC 3339 with milliseconds, UTC (`2026-11-29T22:41:07.125Z`).
    func timestamp() -> [UInt8] {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        if spec.tv_sec != self.second {
            self.second = spec.tv_sec
            self.secondPrefix = Array(Instant(secondsSinceEpoch: Int64(spec.tv_sec)).rfc3339.utf8.dropLast())
        }
        let milliseconds = spec.tv_nsec / 1_000_000
        return self.secondPrefix + [
            UInt8(ascii: "."), UInt8(48 + milliseconds / 100), UInt8(48 + milliseconds / 10 % 10),
            UInt8(48 + milliseconds % 10), UInt8(ascii: "Z"),
        ]
    }

    func appendJSON(time: [UInt8], level: Logger.Level, message: String, _ fields: [(String, Logger.Metadata.Value)]) {
        self.bytes += Array(#"{"time":""#.utf8) + time + Array(#"","level":""#.utf8)
        self.bytes += Array(level.rawValue.utf8) + Array(#"","msg":"#.utf8)
        self.appendJSONString(message)
        for (key, value) in fields {
            self.bytes +=
                [UInt8(ascii: ","), UInt8(ascii: "\"")] + Array(key.utf8) + [UInt8(ascii: "\""), UInt8(ascii: ":")]
            if case .stringConvertible(let number) = value, number is any Numeric {
                self.bytes += Array(number.description.utf8)
            } else {
                self.appendJSONString(value.description)
            }
        }
        self.bytes += [UInt8(ascii: "}"), UInt8(ascii: "\n")]
    }

    func appendText(time: [UInt8], level: Logger.Level, message: String, _ fields: [(String, Logger.Metadata.Value)]) {
        self.bytes += Array("time=".utf8) + time + Array(" level=\(level.rawValue) msg=".utf8)
        self.appendLogfmtValue(message)
        for (key, value) in fields {
            self.bytes += [UInt8(ascii: " ")] + Array(key.utf8) + [UInt8(ascii: "=")]
            self.appendLogfmtValue(value.description)
        }
        self.bytes.append(UInt8(ascii: "\n"))
    }

    private func appendJSONString(_ text: String) {
        JSONWriter.write(string: text.utf8, into: &self.bytes)
    }

    /// A logfmt value: bare when it is a plain word, else quoted with quotes, backslashes and control characters
    /// escaped, so that no value can start a line or a field of its own.
    private func appendLogfmtValue(_ text: String) {
        let plain =
            !text.isEmpty
            && text.utf8.allSatisfy { $0 > 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "=") && $0 != 0x7F }
        guard !plain else {
            self.bytes += Array(text.utf8)
            return
        }
        self.appendJSONString(text)
    }
}
