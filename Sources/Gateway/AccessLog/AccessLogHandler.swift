import Logging

/// A swift-log handler that writes each event as one access log line into its loop's buffer: `time`, `level` and
/// `msg`, then the metadata in the order given by ``fieldOrder`` (other keys after them, sorted).
///
/// Concurrency: `@unchecked Sendable` because it holds its loop's buffer; only that loop's thread logs through it.
struct AccessLogHandler: LogHandler, @unchecked Sendable {
    /// Fields first in every line, in this order, when present.
    static let fieldOrder = [
        "request_id", "client", "method", "route", "requested_version", "served_version", "status", "upstream_status",
        "bytes_in", "bytes_out", "duration_ms", "upstream_duration_ms", "error",
    ]

    let buffer: AccessLogBuffer
    let format: AccessLogFormat
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [(String, Logger.Metadata.Value)] = []
        let metadata = event.metadata ?? [:]
        for key in Self.fieldOrder { if let value = metadata[key] { fields.append((key, value)) } }
        for key in metadata.keys.sorted() where !Self.fieldOrder.contains(key) { fields.append((key, metadata[key]!)) }
        let time = self.buffer.timestamp()
        switch self.format {
        case .json: self.buffer.appendJSON(time: time, level: event.level, message: "\(event.message)", fields)
        case .text: self.buffer.appendText(time: time, level: event.level, message: "\(event.message)", fields)
        }
    }
}
