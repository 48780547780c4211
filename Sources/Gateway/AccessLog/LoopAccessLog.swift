import Logging
import Usage
import Versioning

/// One loop's access log: a swift-log `Logger` whose handler writes lines into this loop's buffer, handed to the
/// sink about once a second, when the buffer grows past 64 KiB, and when the loop stops.
///
/// Concurrency: owned by its worker, on the worker's loop thread.
struct LoopAccessLog {
    private let buffer = AccessLogBuffer()
    private let sink: AccessLogSink
    private let logger: Logger
    private var requestIDs = RequestIDGenerator()

    init(sink: AccessLogSink) {
        self.sink = sink
        let handler = AccessLogHandler(buffer: self.buffer, format: sink.format)
        self.logger = Logger(label: "versiongate.access") { _ in handler }
    }

    /// The request's id: the client's `X-Request-ID` when it sent one of 1 to 128 visible ASCII characters, else a
    /// new one (which goes upstream in place of the client's).
    mutating func requestID(for head: RequestHead) -> String {
        let sent = head.headers.values("x-request-id")
        if sent.count == 1, let id = sent.first, id.utf8.count <= 128, !id.isEmpty,
            id.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        {
            return id
        }
        return self.requestIDs.next()
    }

    /// One line for an answered request; `client` and `route` as the ledger names them, never a token or a raw path.
    mutating func log(_ record: ExchangeRecord, client: String, route: String, now: UInt64) {
        var metadata: Logger.Metadata = [
            "request_id": .string(record.requestID ?? ""),
            "client": .string(client),
            "method": .string(RequestKey.method(record.head.method)),
            "route": .string(route),
            "requested_version": .string(record.requested.description),
            "served_version": .string(record.served.description),
            "status": .stringConvertible(record.status),
            "bytes_in": .stringConvertible(record.bytesIn),
            "bytes_out": .stringConvertible(record.bytesOut),
            "duration_ms": .stringConvertible(Self.milliseconds(now &- record.started)),
        ]
        if let status = record.upstreamStatus { metadata["upstream_status"] = .stringConvertible(status) }
        if let nanoseconds = record.upstreamNanoseconds {
            metadata["upstream_duration_ms"] = .stringConvertible(Self.milliseconds(nanoseconds))
        }
        if let failure = record.failure { metadata["error"] = .string(failure) }
        self.logger.log(level: record.failure == nil ? .info : .warning, "request", metadata: metadata)
        if self.buffer.bytes.count > AccessLogBuffer.handOverAbove { self.handOver() }
    }

    /// Gives the lines written since the last hand-over to the sink.
    func handOver() {
        self.sink.deposit(self.buffer.drain())
    }

    /// Milliseconds with microsecond precision (`1.234`).
    private static func milliseconds(_ nanoseconds: UInt64) -> Double {
        Double(nanoseconds / 1000) / 1000
    }
}

/// Request ids for requests that came without one: 16 hex digits from a per-loop generator seeded by the system's
/// CSPRNG (unique, not secret: ids are for correlating logs).
struct RequestIDGenerator {
    private var state: UInt64 = UInt64.random(in: 1...UInt64.max)

    /// xorshift64* (Vigna 2016): a full-period sequence, so ids repeat only after 2^64 − 1 requests per loop.
    mutating func next() -> String {
        self.state ^= self.state >> 12
        self.state ^= self.state << 25
        self.state ^= self.state >> 27
        let value = self.state &* 0x2545_F491_4F6C_DD1D
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
