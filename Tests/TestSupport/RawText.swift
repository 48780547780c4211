/// Text a parameterised test is given (a request's bytes, a manifest, a body), shown short in the test log.
///
/// swift-testing prints every case's arguments when it starts and ends, so a raw request there is several lines of
/// log per case, twice. This prints its first and last lines, escaped, and its size; put ``escaped`` (the whole
/// text, on one line) in an expectation's message, where it shows only when the expectation fails.
public struct RawText: Sendable, Hashable, Encodable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    public init(stringLiteral text: String) {
        self.text = text
    }

    /// The whole text as a one-line Swift literal, for failure messages.
    public var escaped: String { self.text.debugDescription }

    /// `"POST / HTTP/1.1\r\n" … "0\r\n" (84 bytes)`: the first line and the last one that is not blank.
    public var description: String {
        let first = self.lines.first ?? ""
        let size = "(\(self.text.utf8.count) bytes)"
        guard let last = self.lines.dropFirst().last(where: { !$0.allSatisfy(\.isWhitespace) }) else {
            return "\(first.debugDescription) \(size)"
        }
        return "\(first.debugDescription) … \(last.debugDescription) \(size)"
    }

    /// The lines, each with its line feed. Split on bytes: `"\r\n"` is one `Character`, which holds no `"\n"`.
    private var lines: [String] {
        let bytes = Array(self.text.utf8)
        var lines: [String] = []
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
            lines.append(String(decoding: bytes[start..<end], as: UTF8.self))
            start = end
        }
        return lines
    }
}
