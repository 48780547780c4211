/// A JSON text read byte by byte, in chunks split anywhere, and checked against RFC 8259's grammar (§2–7; UTF-8
/// validity is left to the readers, which check the bytes they keep). Foundation's parser is not used for this: it
/// accepts trailing commas (`[1,]`) and reads numbers and strings only when asked for them.
///
/// In the ``Layout/har`` layout it also knows which container it is in, so that it hands over each element of
/// `log.entries` whole while the rest of the document passes through unkept; in ``Layout/line`` it only checks one
/// JSON value (a line of JSON lines).
///
/// Memory: the stack of open containers, a few short member names, and the bytes of the entry in progress; never
/// the document. Bytes after a failure are not looked at: the readers stop at the first error.
struct JSONScanner {
    enum Layout {
        /// A HAR document: an object holding `log`, `log.version` and `log.entries`.
        case har
        /// Any one JSON value, a line of JSON lines; messages give columns within it.
        case line
    }

    /// One element of `log.entries`, whole, with where it starts (line from 1, byte offset from 0).
    struct Entry {
        var number: Int
        var line: Int
        var offset: Int
        var bytes: [UInt8]
    }

    let layout: Layout
    /// Where the text is, for messages: the file, or `file:line`.
    let file: String
    let maximumEntryBytes: Int
    /// `log.version` once read.
    private(set) var version: String?
    /// How many entries have begun.
    private(set) var entryCount = 0

    var mode = Mode.byteOrderMark(0)
    var stack: [Container] = []
    var line = 1
    /// Bytes of the file before the current chunk.
    var consumed = 0
    /// Where the entry in progress began in the current chunk (0 once it runs on from an earlier chunk); nil
    /// outside entries.
    var entryStart: Int?
    /// The entry in progress, as far as earlier chunks held it.
    var entryBytes: [UInt8] = []
    var entryLine = 0
    var entryOffset = 0
    /// A member name or the version, as written (escapes undecoded), up to ``maximumCapture`` bytes.
    var captured: [UInt8] = []
    var capturedTooLong = false
    var sawLog = false
    var sawEntries = false

    init(_ layout: Layout, file: String, maximumEntryBytes: Int = .max) {
        self.layout = layout
        self.file = file
        self.maximumEntryBytes = maximumEntryBytes
        if layout == .line { self.mode = .between(.document) }
    }

    /// Reads `bytes`, the next part of the file.
    /// - Returns: the entries that end in `bytes`, in order.
    /// - Throws: ``TrafficError`` for malformed JSON, a document that is no HAR, a version other than 1.2, an entry
    ///   that is not an object or is larger than ``maximumEntryBytes``.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws(TrafficError) -> [Entry] {
        var entries: [Entry] = []
        var index = 0
        let count = bytes.count
        if self.entryStart != nil { self.entryStart = 0 }
        while index < count {
            switch self.mode {
            case .between(let expect):
                let byte = bytes[index]
                if byte == .space || byte == .tab || byte == .carriageReturn {
                    index += 1
                } else if byte == .newline {
                    self.line += 1
                    index += 1
                } else {
                    if let entry = try self.structural(byte, expect, at: index, in: bytes) { entries.append(entry) }
                    index += 1
                }
            case .string(let string):
                // Most of a HAR is string content: run through it without a state change per byte.
                if case .none = string.escape, case .none = string.capture {
                    while index < count, bytes[index] != .quote, bytes[index] != .backslash, bytes[index] >= 0x20 {
                        index += 1
                    }
                    guard index < count else { break }
                }
                try self.stringByte(bytes[index], string, at: index)
                index += 1
            case .number(let state):
                if let next = state.next(bytes[index]) {
                    self.mode = .number(next)
                    index += 1
                } else if state.isComplete {
                    self.valueEnded()  // the byte after the number is read again, as structure
                } else {
                    throw self.malformed("malformed number", at: index)
                }
            case .literal(let literal, let matched):
                guard bytes[index] == literal.bytes[matched] else {
                    throw self.malformed("expected \(String(decoding: literal.bytes, as: UTF8.self))", at: index)
                }
                if matched + 1 == literal.bytes.count {
                    self.valueEnded()
                } else {
                    self.mode = .literal(literal, matched + 1)
                }
                index += 1
            case .byteOrderMark(let matched):
                // A UTF-8 byte order mark, which Windows tools write and RFC 8259 §8.1 lets a reader ignore.
                if matched == 0, bytes[index] != Self.byteOrderMark[0] {
                    self.mode = .between(.document)
                } else if bytes[index] == Self.byteOrderMark[matched] {
                    self.mode = matched == 2 ? .between(.document) : .byteOrderMark(matched + 1)
                    index += 1
                } else {
                    throw self.malformed("not JSON (a broken byte order mark)", at: index)
                }
            }
        }
        if let start = self.entryStart {
            try self.checkEntrySize(adding: count - start)
            self.entryBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<count]))
        }
        self.consumed += count
        return entries
    }

    /// Checks that the document ended where it may, and holds what a HAR must.
    mutating func finish() throws(TrafficError) {
        if self.layout == .line {
            guard case .between(.end) = self.mode else {
                throw TrafficError(.malformed, "\(self.file): not valid JSON: the line ends inside its value")
            }
            return
        }
        switch self.mode {
        case .between(.end):
            break
        case .byteOrderMark(0), .between(.document):
            throw TrafficError(.empty, "\(self.file): the file is empty")
        default:
            throw TrafficError(
                .truncated,
                "\(self.file): truncated: the file ends inside the HAR document at line \(self.line) "
                    + "(byte \(self.consumed))\(self.inEntry)"
            )
        }
        guard self.sawLog else { throw TrafficError(.notHAR, "\(self.file): not a HAR file: no \"log\" object") }
        guard self.sawEntries else { throw TrafficError(.notHAR, "\(self.file): not a HAR file: no log.entries") }
        guard self.version != nil else {
            throw TrafficError(
                .unsupportedVersion,
                "\(self.file): log.version is missing (HAR 1.2 reads that as 1.1): export HAR 1.2"
            )
        }
        guard self.entryCount > 0 else {
            throw TrafficError(.noExchanges, "\(self.file): no exchanges: log.entries is empty")
        }
    }

    /// Takes the version as read: only 1.2 is read, since 1.1 has no `content.encoding` and leaves bodies ambiguous.
    mutating func accept(version: String) throws(TrafficError) {
        guard self.version == nil else {
            throw TrafficError(.notHAR, "\(self.file): log.version appears twice")
        }
        guard version == "1.2" else {
            let shown = version.count > 16 ? String(version.prefix(16)) + "…" : version
            throw TrafficError(.unsupportedVersion, "\(self.file): HAR \(shown) is not supported: export HAR 1.2")
        }
        self.version = version
    }

    /// The entry beginning at `start` of the current chunk.
    mutating func beginEntry(at start: Int) {
        self.entryCount += 1
        self.entryStart = start
        self.entryLine = self.line
        self.entryOffset = self.consumed + start
    }

    /// The entry ending at `end` of `bytes`, whole.
    mutating func endEntry(at end: Int, in bytes: UnsafeBufferPointer<UInt8>) throws(TrafficError) -> Entry {
        let start = self.entryStart ?? 0
        try self.checkEntrySize(adding: end + 1 - start)
        self.entryBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...end]))
        let entry = Entry(
            number: self.entryCount,
            line: self.entryLine,
            offset: self.entryOffset,
            bytes: self.entryBytes
        )
        self.entryBytes = []
        self.entryStart = nil
        return entry
    }

    private func checkEntrySize(adding count: Int) throws(TrafficError) {
        guard self.entryBytes.count + count > self.maximumEntryBytes else { return }
        throw TrafficError(
            .tooLarge,
            "\(self.file) entry \(self.entryCount) (line \(self.entryLine)): larger than "
                + "\(Self.describe(bytes: self.maximumEntryBytes)), the most one entry may hold"
        )
    }

    /// `, in entry 3` while inside an entry.
    var inEntry: String {
        self.entryStart == nil ? "" : ", in entry \(self.entryCount)"
    }

    func malformed(_ what: String, at index: Int) -> TrafficError {
        switch self.layout {
        case .har:
            TrafficError(
                .malformed,
                "\(self.file): malformed JSON at line \(self.line) (byte \(self.consumed + index))"
                    + "\(self.inEntry): \(what)"
            )
        case .line:
            TrafficError(.malformed, "\(self.file): not valid JSON at column \(self.consumed + index + 1): \(what)")
        }
    }

    static func describe(bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}
