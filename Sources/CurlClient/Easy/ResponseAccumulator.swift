/// Collects one upstream response from curl's header and body callbacks.
///
/// curl reports every response it reads, interim `1xx` ones included, each starting with its status line;
/// a new status line starts the collection afresh, so only the final response remains.
struct ResponseAccumulator {
    private(set) var status = 0
    private var reason = ""
    private var headers: [(name: String, value: String)] = []
    private var body: [UInt8] = []
    /// Set when the body outgrew its limit and the transfer was aborted for it.
    private(set) var exceededLimit = false

    mutating func addHeaderLine(_ line: UnsafeRawBufferPointer, limit: Int) {
        var end = line.count
        while end > 0, line[end - 1] == UInt8(ascii: "\r") || line[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        guard end > 0 else { return }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: line[0..<end]), as: UTF8.self)
        if text.hasPrefix("HTTP/") {
            self.startResponse(statusLine: text)
        } else if line[0] == UInt8(ascii: " ") || line[0] == UInt8(ascii: "\t") {
            // An obsolete folded continuation: join it to the previous value, as RFC 9112 §5.2 allows.
            if !self.headers.isEmpty {
                self.headers[self.headers.count - 1].value += " " + text.trimmingWhitespace()
            }
        } else if let colon = text.firstIndex(of: ":") {
            let name = String(text[..<colon])
            let value = text[text.index(after: colon)...].trimmingWhitespace()
            if name.utf8.count == 14, name.lowercased() == "content-length", let length = Int(value) {
                self.body.reserveCapacity(min(length, limit))
            }
            self.headers.append((name, value))
        }
    }

    /// Appends body bytes; false (and the transfer is to be aborted) once the total exceeds `limit`.
    mutating func appendBody(_ bytes: UnsafeRawBufferPointer, limit: Int) -> Bool {
        guard self.body.count + bytes.count <= limit else {
            self.exceededLimit = true
            return false
        }
        self.body.append(contentsOf: bytes)
        return true
    }

    /// The collected response; leaves the accumulator empty.
    mutating func take() -> UpstreamResponse {
        let response = UpstreamResponse(status: self.status, reason: self.reason, headers: self.headers, body: self.body)
        self = ResponseAccumulator()
        return response
    }

    private mutating func startResponse(statusLine: String) {
        self.headers.removeAll(keepingCapacity: true)
        self.body.removeAll(keepingCapacity: true)
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        self.status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        self.reason = parts.count > 2 ? String(parts[2]) : ""
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (HTTP's optional whitespace).
    func trimmingWhitespace() -> String {
        let isWhitespace = { (character: Character) in character == " " || character == "\t" }
        guard let first = self.firstIndex(where: { !isWhitespace($0) }) else { return "" }
        let last = self.lastIndex(where: { !isWhitespace($0) })!
        return String(self[first...last])
    }
}
