import Checks
import Foundation
import TestSupport

/// What the traffic reader tests read: the recordings in `Fixtures/`, and ways to feed a reader in pieces.
/// `browser-devtools.har` is written by hand in the shape Chrome's developer tools export (HTTP/2 pseudo-header
/// fields, base64 content, `_` members, a failed request); `examples/traffic/mitmproxy-v1.har` was recorded by
/// mitmproxy (``recorded(_:)``).
enum TrafficFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures"
    )

    /// The bytes of `Fixtures/name`.
    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: self.directory.appendingPathComponent(name)))
    }

    /// The bytes of `examples/traffic/name`, recordings made by real tools and shown in the README.
    static func recorded(_ name: String) throws -> [UInt8] {
        let examples = self.directory.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("examples/traffic")
        return Array(try Data(contentsOf: examples.appendingPathComponent(name)))
    }

    /// Every exchange of `bytes` read as `format`, fed in pieces of the given sizes (the rest in one piece).
    static func read(
        _ bytes: [UInt8],
        as format: TrafficFormat,
        file: String = "calls",
        pieces: [Int] = []
    ) throws(TrafficError) -> [RecordedExchange] {
        var reader = TrafficReader(format, file: file)
        var exchanges: [RecordedExchange] = []
        var start = 0
        for size in pieces where start < bytes.count {
            let end = min(start + size, bytes.count)
            exchanges += try reader.consume(bytes[start..<end])
            start = end
        }
        exchanges += try reader.consume(bytes[start...])
        exchanges += try reader.finish()
        return exchanges
    }

    static func read(
        _ text: String,
        as format: TrafficFormat,
        pieces: [Int] = []
    ) throws(TrafficError) -> [RecordedExchange] {
        try self.read(Array(text.utf8), as: format, pieces: pieces)
    }

    /// The error reading `text` as `format` ends in, or nil when it reads.
    static func failure(_ text: String, as format: TrafficFormat, pieces: [Int] = []) -> TrafficError? {
        self.failure(Array(text.utf8), as: format, pieces: pieces)
    }

    static func failure(_ bytes: [UInt8], as format: TrafficFormat, pieces: [Int] = []) -> TrafficError? {
        do {
            _ = try self.read(bytes, as: format, pieces: pieces)
            return nil
        } catch {
            return error
        }
    }

    /// Pieces of 1 byte each, for `count` bytes.
    static func byteByByte(_ count: Int) -> [Int] {
        Array(repeating: 1, count: count)
    }

    /// Random piece sizes from 1 to `largest` covering `count` bytes, the same for a seed on every run.
    static func randomPieces(_ count: Int, seed: UInt64, largest: Int = 64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var pieces: [Int] = []
        var total = 0
        while total < count {
            let size = Int.random(in: 1...largest, using: &generator)
            pieces.append(size)
            total += size
        }
        return pieces
    }

    /// A HAR 1.2 around `entries` (JSON texts of entries).
    static func har(_ entries: [String], version: String = #""version": "1.2","#) -> String {
        #"{"log": {\#(version) "creator": {"name": "test", "version": "1"}, "entries": ["#
            + entries.joined(separator: ",\n") + "]}}\n"
    }

    /// A HAR entry with the given request and response members.
    static func entry(
        method: String = "GET",
        url: String = "https://api.example/vendors",
        request extra: String = "",
        response: String = #""response": {"status": 200, "headers": [], "content": {"text": "{}"}}"#
    ) -> String {
        #"{"request": {"method": "\#(method)", "url": "\#(url)", "headers": []\#(extra)}, \#(response)}"#
    }
}
