import Foundation

/// Reads a HAR 1.2 file (http://www.softwareishard.com/blog/har-12-spec/), as browser developer tools, mitmproxy,
/// Charles and Insomnia export it, incrementally: feed it the file in chunks split anywhere, and it returns each
/// exchange as soon as its entry has been read.
///
/// It streams: a byte-level scanner (``JSONScanner``) checks the JSON grammar and finds the elements of
/// `log.entries`, and only one entry at a time is kept and decoded (by Foundation's `JSONDecoder`), so memory is
/// bounded by the largest entry, whatever the size of the file (100 MB of HAR: about 2 s and 22 MB resident, in a
/// release build). ``HAREntry/exchange(origin:location:)`` says how an entry maps to a ``RecordedExchange``.
///
/// `log.version` must be `"1.2"`. It may come after the entries (JSON members have no order), so the exchanges
/// before it have been returned by the time a wrong version is found; a caller that must not act on a HAR 1.1
/// collects the exchanges until ``finish()`` returns.
///
/// ```swift
/// var reader = HARReader(file: "calls.har")
/// for chunk in chunks { for exchange in try reader.consume(chunk) { check(exchange) } }
/// for exchange in try reader.finish() { check(exchange) }
/// ```
///
/// After it has thrown, the reader throws the same error again.
public struct HARReader {
    /// The default bound on one entry: larger entries are refused rather than held in memory.
    public static let defaultMaximumEntryBytes = 256 << 20

    private var scanner: JSONScanner
    private var failure: TrafficError?
    private let decoder = JSONDecoder()

    /// - Parameters:
    ///   - file: the file's name, for messages and each exchange's ``TrafficOrigin``.
    ///   - maximumEntryBytes: the largest entry read, in bytes of the file.
    public init(file: String, maximumEntryBytes: Int = Self.defaultMaximumEntryBytes) {
        self.scanner = JSONScanner(.har, file: file, maximumEntryBytes: maximumEntryBytes)
    }

    /// Reads the next part of the file.
    /// - Returns: the exchanges whose entries end in `chunk`, in order.
    /// - Throws: ``TrafficError``: malformed JSON (with line and byte offset), a document that is not a HAR, a
    ///   version other than 1.2, an entry without `request.method` or `request.url`, bad base64, an entry larger
    ///   than the bound.
    public mutating func consume(_ chunk: some Collection<UInt8>) throws(TrafficError) -> [RecordedExchange] {
        if let failure = self.failure { throw failure }
        let scanned: Result<[JSONScanner.Entry], TrafficError> =
            chunk.withContiguousStorageIfAvailable { self.scan($0) }
            ?? Array(chunk).withUnsafeBufferPointer {
                self.scan($0)
            }
        do {
            return try scanned.get().map { entry throws(TrafficError) in try self.exchange(entry) }
        } catch {
            self.failure = error
            throw error
        }
    }

    /// Ends the file: checks that the document is complete and is a HAR 1.2 with at least one entry.
    /// - Returns: no exchange (every entry has ended by the end of the document); there for symmetry with
    ///   ``JSONLinesReader/finish()``.
    /// - Throws: ``TrafficError``: an empty file, a truncated document, no `log` or `log.entries`, no
    ///   `log.version`, no entries.
    public mutating func finish() throws(TrafficError) -> [RecordedExchange] {
        if let failure = self.failure { throw failure }
        do {
            try self.scanner.finish()
        } catch {
            self.failure = error
            throw error
        }
        return []
    }

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<[JSONScanner.Entry], TrafficError> {
        do {
            return .success(try self.scanner.scan(bytes))
        } catch {
            return .failure(error)
        }
    }

    private func exchange(_ entry: JSONScanner.Entry) throws(TrafficError) -> RecordedExchange {
        let origin = TrafficOrigin(file: self.scanner.file, position: .entry(entry.number))
        let location = "\(origin) (line \(entry.line))"
        guard String(validating: entry.bytes, as: UTF8.self) != nil else {
            throw TrafficError(.malformed, "\(location): not valid UTF-8 (RFC 8259 §8.1)")
        }
        let decoded: HAREntry
        do {
            decoded = try self.decoder.decode(HAREntry.self, from: Data(entry.bytes))
        } catch let error as DecodingError {
            throw TrafficError(.invalidExchange, "\(location): \(DecodingFailure.describe(error))")
        } catch {
            throw TrafficError(.malformed, "\(location): \(error)")
        }
        return try decoded.exchange(origin: origin, location: location)
    }
}
