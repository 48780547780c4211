/// Reads a JSON lines recording (https://jsonlines.org: UTF-8, one JSON value per line, `\n` or `\r\n` between
/// lines) incrementally: feed it the file in chunks split anywhere, and it returns each exchange as soon as its line
/// has ended. Each line is one object describing an exchange; `docs/traffic-format.md` lists its members and
/// ``JSONLine`` reads them.
///
/// Blank lines (white space only) are skipped; there are no comments. Memory is bounded by the longest line.
///
/// ```swift
/// var reader = JSONLinesReader(file: "calls.jsonl")
/// for chunk in chunks { for exchange in try reader.consume(chunk) { check(exchange) } }
/// for exchange in try reader.finish() { check(exchange) }
/// ```
///
/// After it has thrown, the reader throws the same error again.
public struct JSONLinesReader {
    /// The default bound on one line: longer lines are refused rather than held in memory.
    public static let defaultMaximumLineBytes = 256 << 20

    private let file: String
    private let maximumLineBytes: Int
    /// The line in progress, as far as earlier chunks held it.
    private var partial: [UInt8] = []
    /// Lines ended so far.
    private var lineCount = 0
    private var exchangeCount = 0
    private var sawBytes = false
    private var failure: TrafficError?

    /// - Parameters:
    ///   - file: the file's name, for messages and each exchange's ``TrafficOrigin``.
    ///   - maximumLineBytes: the longest line read, in bytes.
    public init(file: String, maximumLineBytes: Int = Self.defaultMaximumLineBytes) {
        self.file = file
        self.maximumLineBytes = maximumLineBytes
    }

    /// Reads the next part of the file.
    /// - Returns: the exchanges whose lines end in `chunk`, in order.
    /// - Throws: ``TrafficError`` naming `file:line`: a line that is not JSON, not an object, or lacks a method or
    ///   a target (see ``JSONLine``); a line longer than the bound.
    public mutating func consume(_ chunk: some Collection<UInt8>) throws(TrafficError) -> [RecordedExchange] {
        if let failure = self.failure { throw failure }
        let result: Result<[RecordedExchange], TrafficError> =
            chunk.withContiguousStorageIfAvailable { self.lines(in: $0) }
            ?? Array(chunk).withUnsafeBufferPointer {
                self.lines(in: $0)
            }
        return try self.keepingFailure(result)
    }

    /// Ends the file: a last line without a line break is read.
    /// - Returns: the exchange of that last line, if any.
    /// - Throws: ``TrafficError``: the last line's, or an empty file, or a file of blank lines (`no-exchanges`).
    public mutating func finish() throws(TrafficError) -> [RecordedExchange] {
        if let failure = self.failure { throw failure }
        var result: Result<[RecordedExchange], TrafficError> = .success([])
        if !self.partial.isEmpty {
            let line = self.partial
            self.partial = []
            result = Result { () throws(TrafficError) in try self.line(line).map { [$0] } ?? [] }
        }
        if case .success = result, self.exchangeCount == 0 {
            result = .failure(
                self.sawBytes
                    ? TrafficError(.noExchanges, "\(self.file): no exchanges: every line is blank")
                    : TrafficError(.empty, "\(self.file): the file is empty")
            )
        }
        return try self.keepingFailure(result)
    }

    private mutating func keepingFailure(
        _ result: Result<[RecordedExchange], TrafficError>
    ) throws(TrafficError) -> [RecordedExchange] {
        if case .failure(let error) = result { self.failure = error }
        return try result.get()
    }

    private mutating func lines(in bytes: UnsafeBufferPointer<UInt8>) -> Result<[RecordedExchange], TrafficError> {
        Result { () throws(TrafficError) in
            if !bytes.isEmpty { self.sawBytes = true }
            var exchanges: [RecordedExchange] = []
            var start = 0
            var index = 0
            while index < bytes.count {
                if bytes[index] == .newline {
                    try self.checkLength(adding: index - start)
                    var line = self.partial
                    line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    self.partial = []
                    if let exchange = try self.line(line) { exchanges.append(exchange) }
                    start = index + 1
                }
                index += 1
            }
            try self.checkLength(adding: bytes.count - start)
            self.partial.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            return exchanges
        }
    }

    /// One line, its break left out: nil when blank.
    private mutating func line(_ bytes: [UInt8]) throws(TrafficError) -> RecordedExchange? {
        self.lineCount += 1
        var line = bytes[...]
        if self.lineCount == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }  // a UTF-8 BOM
        if line.last == .carriageReturn { line = line.dropLast() }
        guard line.contains(where: { !$0.isJSONWhitespace }) else { return nil }
        let origin = TrafficOrigin(file: self.file, position: .line(self.lineCount))
        let exchange = try JSONLine.exchange(Array(line), origin: origin)
        self.exchangeCount += 1
        return exchange
    }

    private func checkLength(adding count: Int) throws(TrafficError) {
        guard self.partial.count + count > self.maximumLineBytes else { return }
        throw TrafficError(
            .tooLarge,
            "\(self.file):\(self.lineCount + 1): longer than \(JSONScanner.describe(bytes: self.maximumLineBytes)), "
                + "the most one line may hold"
        )
    }
}
