import Foundation

/// The scanner's moves on the bytes that make JSON's structure (RFC 8259 §2–7).
extension JSONScanner {
    /// A byte outside any token (white space aside).
    /// - Returns: the entry that this byte closes, if any.
    mutating func structural(
        _ byte: UInt8,
        _ expect: Expect,
        at index: Int,
        in bytes: UnsafeBufferPointer<UInt8>
    ) throws(TrafficError) -> Entry? {
        switch expect {
        case .document where self.layout == .line:
            try self.beginValue(byte, at: index)
        case .document:
            guard byte == .openBrace else {
                if byte == .openBracket || byte == .quote || Self.startsScalar(byte) {
                    throw TrafficError(
                        .notHAR,
                        "\(self.file): not a HAR file: the JSON document is not an object holding \"log\""
                    )
                }
                throw self.malformed("not JSON: expected '{', found \(Self.describe(byte))", at: index)
            }
            try self.push(Container(isObject: true, role: .root), at: index)
            self.mode = .between(.keyOrClose)
        case .value, .valueOrClose:
            if expect == .valueOrClose, byte == .closeBracket { return try self.close(at: index, in: bytes) }
            try self.beginValue(byte, at: index)
        case .key, .keyOrClose:
            if expect == .keyOrClose, byte == .closeBrace { return try self.close(at: index, in: bytes) }
            guard byte == .quote else { throw self.malformed("expected a member name in quotes", at: index) }
            let role = self.stack[self.stack.count - 1].role
            let capture = role == .root || role == .log
            if capture {
                self.captured.removeAll(keepingCapacity: true)
                self.capturedTooLong = false
            }
            self.mode = .string(StringState(isKey: true, capture: capture ? .key : .none))
        case .colon:
            guard byte == .colon else { throw self.malformed("expected ':' after a member name", at: index) }
            self.mode = .between(.value)
        case .commaOrClose:
            let isObject = self.stack[self.stack.count - 1].isObject
            if byte == .comma {
                self.mode = .between(isObject ? .key : .value)
            } else if byte == (isObject ? .closeBrace : .closeBracket) {
                return try self.close(at: index, in: bytes)
            } else {
                throw self.malformed(isObject ? "expected ',' or '}'" : "expected ',' or ']'", at: index)
            }
        case .end:
            throw self.malformed(
                self.layout == .har
                    ? "more data after the end of the HAR document" : "more data after the end of the value",
                at: index
            )
        }
        return nil
    }

    /// The first byte of a value inside a container, which decides the role of the value.
    private mutating func beginValue(_ byte: UInt8, at index: Int) throws(TrafficError) {
        let parent = self.stack.last ?? Container(isObject: false, role: .other)
        var role = Role.other
        switch (parent.role, parent.key) {
        case (.root, .log):
            guard byte == .openBrace, !self.sawLog else {
                throw TrafficError(.notHAR, "\(self.file): not a HAR file: \"log\" is not one object")
            }
            self.sawLog = true
            role = .log
        case (.log, .entries):
            guard byte == .openBracket, !self.sawEntries else {
                throw TrafficError(.notHAR, "\(self.file): not a HAR file: log.entries is not one array")
            }
            self.sawEntries = true
            role = .entries
        case (.log, .version):
            guard byte == .quote else {
                throw TrafficError(.unsupportedVersion, "\(self.file): log.version is not a string: export HAR 1.2")
            }
            self.captured.removeAll(keepingCapacity: true)
            self.capturedTooLong = false
            self.mode = .string(StringState(isKey: false, capture: .version))
            return
        case (.entries, _):
            guard byte == .openBrace else {
                throw TrafficError(
                    .invalidExchange,
                    "\(self.file) entry \(self.entryCount + 1) (line \(self.line)): not an object"
                )
            }
            self.beginEntry(at: index)
            role = .entry
        default:
            break
        }
        switch byte {
        case .openBrace:
            try self.push(Container(isObject: true, role: role), at: index)
            self.mode = .between(.keyOrClose)
        case .openBracket:
            try self.push(Container(isObject: false, role: role), at: index)
            self.mode = .between(.valueOrClose)
        case .quote:
            self.mode = .string(StringState(isKey: false, capture: .none))
        case .minus:
            self.mode = .number(.afterMinus)
        case .digit0:
            self.mode = .number(.leadingZero)
        case .digit1 ... .digit9:
            self.mode = .number(.integer)
        case UInt8(ascii: "t"):
            self.mode = .literal(.true, 1)
        case UInt8(ascii: "f"):
            self.mode = .literal(.false, 1)
        case UInt8(ascii: "n"):
            self.mode = .literal(.null, 1)
        default:
            throw self.malformed("expected a value, found \(Self.describe(byte))", at: index)
        }
    }

    /// A byte inside a string, the fast path having passed over plain content.
    mutating func stringByte(_ byte: UInt8, _ state: StringState, at index: Int) throws(TrafficError) {
        var state = state
        switch state.escape {
        case .none:
            if byte == .quote { return try self.endString(state) }
            guard byte >= 0x20 else {
                throw self.malformed("a control character in a string (RFC 8259 §7 wants it escaped)", at: index)
            }
            if byte == .backslash { state.escape = .backslash }
        case .backslash:
            switch byte {
            case .quote, .backslash, .slash, UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                UInt8(ascii: "r"), UInt8(ascii: "t"):
                state.escape = .none
            case UInt8(ascii: "u"):
                state.escape = .unicode(4)
            default:
                throw self.malformed("invalid escape \\\(Self.describe(byte)) in a string", at: index)
            }
        case .unicode(let due):
            guard Self.isHexDigit(byte) else { throw self.malformed("\\u needs four hex digits", at: index) }
            state.escape = due == 1 ? .none : .unicode(due - 1)
        }
        if case .none = state.capture {
        } else if self.captured.count < Self.maximumCapture {
            self.captured.append(byte)
        } else {
            self.capturedTooLong = true
        }
        self.mode = .string(state)
    }

    private mutating func endString(_ state: StringState) throws(TrafficError) {
        let text = self.capturedText
        switch state.capture {
        case .none:
            break
        case .key:
            let role = self.stack[self.stack.count - 1].role
            let key: Key =
                switch (role, text) {
                case (.root, "log"): .log
                case (.log, "entries"): .entries
                case (.log, "version"): .version
                default: .other
                }
            self.stack[self.stack.count - 1].key = key
        case .version:
            try self.accept(version: text ?? String(decoding: self.captured, as: UTF8.self))
        }
        if state.isKey { self.mode = .between(.colon) } else { self.valueEnded() }
    }

    /// The captured string decoded (Foundation reads its escapes); nil when too long to be one we look for.
    private var capturedText: String? {
        guard !self.capturedTooLong else { return nil }
        guard self.captured.contains(.backslash) else { return String(decoding: self.captured, as: UTF8.self) }
        return try? JSONDecoder().decode(String.self, from: Data([.quote] + self.captured + [.quote]))
    }

    private mutating func push(_ container: Container, at index: Int) throws(TrafficError) {
        guard self.stack.count < Self.maximumDepth else {
            throw self.malformed("nested deeper than \(Self.maximumDepth) levels", at: index)
        }
        self.stack.append(container)
    }

    private mutating func close(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) throws(TrafficError) -> Entry? {
        let container = self.stack.removeLast()
        let entry = container.role == .entry ? try self.endEntry(at: index, in: bytes) : nil
        self.valueEnded()
        return entry
    }

    mutating func valueEnded() {
        self.mode = .between(self.stack.isEmpty ? .end : .commaOrClose)
    }

    private static func startsScalar(_ byte: UInt8) -> Bool {
        byte == .minus || (.digit0 ... .digit9).contains(byte) || byte == UInt8(ascii: "t") || byte == UInt8(ascii: "f")
            || byte == UInt8(ascii: "n")
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (.digit0 ... .digit9).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    /// `'x'` for a printable byte, `byte 0x1F` otherwise.
    static func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte)
            ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
}
