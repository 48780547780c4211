import Foundation
import Logging
import Testing

@testable import Gateway

/// Access log lines: one line per event whatever the values hold, in JSON or logfmt.
@Suite struct AccessLogBufferTests {
    private func line(_ format: AccessLogFormat, _ metadata: Logger.Metadata) -> String {
        let buffer = AccessLogBuffer()
        let handler = AccessLogHandler(buffer: buffer, format: format)
        Logger(label: "test") { _ in handler }.info("request", metadata: metadata)
        return String(decoding: buffer.drain(), as: UTF8.self)
    }

    private let hostile: Logger.Metadata = [
        "client": .string("evil\n{\"status\":200}"),
        "route": .string("/a b=\"c\"\r\\"),
        "status": .stringConvertible(404),
        "duration_ms": .stringConvertible(1.25),
    ]

    @Test func aJSONLineEscapesEveryValueAndKeepsNumbersAsNumbers() throws {
        let line = self.line(.json, self.hostile)
        #expect(line.hasSuffix("}\n"))
        #expect(line.dropLast().split(separator: "\n").count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["client"] as? String == "evil\n{\"status\":200}")
        #expect(object["route"] as? String == "/a b=\"c\"\r\\")
        #expect(object["status"] as? Int == 404)
        #expect(object["duration_ms"] as? Double == 1.25)
        #expect(object["msg"] as? String == "request")
        #expect((object["time"] as? String)?.hasSuffix("Z") == true)
        // The documented fields first, in their order.
        let keys = ["\"time\"", "\"level\"", "\"msg\"", "\"client\"", "\"route\"", "\"status\"", "\"duration_ms\""]
        let positions = keys.compactMap { line.range(of: $0)?.lowerBound }
        #expect(positions == positions.sorted() && positions.count == keys.count)
    }

    @Test func aLogfmtLineQuotesWhatCouldStartAFieldOrALine() {
        let line = self.line(.text, self.hostile)
        #expect(line.dropLast().split(separator: "\n").count == 1)
        #expect(line.contains(#" client="evil\n{\"status\":200}""#))
        #expect(line.contains(#" route="/a b=\"c\"\r\\""#))
        #expect(line.contains(" status=404 duration_ms=1.25\n"))
        #expect(line.hasPrefix("time=20"))
        #expect(line.contains(" level=info msg=request "))
    }

    @Test func requestIDsAreSixteenHexDigitsAndDoNotRepeat() {
        var generator = RequestIDGenerator()
        let ids = (0..<10_000).map { _ in generator.next() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.utf8.count == 16 && $0.allSatisfy(\.isHexDigit) })
    }
}

/// The sink holds at most its budget for a writer that is stuck, dropping whole buffers and counting their lines.
@Suite struct AccessLogSinkTests {
    @Test func beyondItsBudgetWholeBuffersAreDroppedAndTheirLinesCounted() {
        let sink = AccessLogSink(format: .text)
        let buffer = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20 - 2) + Array("\n\n".utf8)
        for _ in 0..<(AccessLogSink.maxPendingBytes >> 20) + 3 { sink.deposit(buffer) }
        let taken = sink.take()
        #expect(taken.buffers.count == AccessLogSink.maxPendingBytes >> 20)
        #expect(taken.droppedLines == 6)
        #expect(sink.take().buffers.isEmpty)
    }
}
