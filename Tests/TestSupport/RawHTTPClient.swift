import Glibc

/// A deliberately simple, blocking HTTP/1.1 client on a raw TCP socket, for tests that need to control the exact
/// bytes sent (pipelining, malformed framing) and see the exact bytes received. Every read is bounded by a timeout.
public final class RawHTTPClient {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    private let fd: Int32
    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:`port`.
    /// - Parameter receiveBufferBytes: a small receive buffer (`SO_RCVBUF`) for a client that reads slowly, so
    ///   that the kernel does not take in megabytes on its behalf.
    public init(port: Int, timeoutSeconds: Int = 15, receiveBufferBytes: Int32? = nil) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket failed") }
        if var bytes = receiveBufferBytes {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, socklen_t(MemoryLayout<Int32>.size))
        }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard Self.connect(fd, toPort: port) else {
            Glibc.close(fd)
            throw Failure(description: "cannot connect to 127.0.0.1:\(port)")
        }
        self.fd = fd
    }

    /// Connects `fd` to 127.0.0.1:`port`, blocking; whether it did.
    static func connect(_ fd: Int32, toPort port: Int) -> Bool {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    deinit {
        Glibc.close(self.fd)
    }

    public func send(_ text: String) throws {
        try self.send(Array(text.utf8))
    }

    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                Glibc.send(self.fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else { throw Failure(description: "send failed (errno \(errno))") }
            offset += written
        }
    }

    /// Sends one request with a `Content-Length` body (when given) and reads its response.
    public func request(
        _ method: String,
        _ target: String,
        headers: [(String, String)] = [],
        body: [UInt8]? = nil
    ) throws -> RawResponse {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: gateway.test\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        try self.send(Array((head + "\r\n").utf8) + (body ?? []))
        return try self.readResponse(headOnly: method == "HEAD")
    }

    /// Reads one response, framed by `Content-Length` (or by the connection's end when it has none).
    public func readResponse(headOnly: Bool = false) throws -> RawResponse {
        let headEnd = try self.fill { buffer in
            buffer.indices.dropLast(3).first { index in
                buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10
            }.map { $0 + 4 }
        }
        let headText = String(decoding: self.buffer[..<headEnd], as: UTF8.self)
        self.buffer.removeFirst(headEnd)
        var lines = headText.split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
        let statusLine = lines.removeFirst()
        let statusParts = statusLine.split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusLine.hasPrefix("HTTP/1.1 "), let status = Int(statusParts[1]) else {
            throw Failure(description: "malformed status line '\(statusLine)'")
        }
        let headers = lines.map { line -> (String, String) in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: " "))
        }
        let reason = statusParts.count > 2 ? String(statusParts[2]) : ""
        var response = RawResponse(status: status, headers: headers, body: [], reason: reason)
        if headOnly || status == 204 || status == 304 || status < 200 { return response }
        if let length = response.header("Content-Length").flatMap(Int.init) {
            _ = try self.fill { $0.count >= length ? length : nil }
            response.body = Array(self.buffer[..<length])
            self.buffer.removeFirst(length)
        } else {
            while let chunk = try self.readSome() { self.buffer += chunk }
            response.body = self.buffer
            self.buffer = []
        }
        return response
    }

    /// Reads exactly `count` bytes that follow what was read so far (a body after `readResponse(headOnly: true)`).
    public func readBytes(_ count: Int) throws -> [UInt8] {
        _ = try self.fill { $0.count >= count ? count : nil }
        defer { self.buffer.removeFirst(count) }
        return Array(self.buffer[..<count])
    }

    /// Shuts down the sending side (`shutdown(SHUT_WR)`), as `printf … | nc` does after its input: the server sees
    /// the end of the request stream, and the connection still reads.
    public func finishSending() {
        shutdown(self.fd, Int32(SHUT_WR))
    }

    /// Reads until the server ends the connection; true when it reset it (RST) rather than closing it (FIN), as a
    /// server does to say a body whose end is the connection's end was cut short.
    public func readUntilReset() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { return false }
            if count < 0 {
                guard errno == ECONNRESET else {
                    throw Failure(description: "read failed or timed out (errno \(errno))")
                }
                return true
            }
        }
    }

    /// Whether bytes from the server wait to be read, now (no waiting).
    public var hasUnreadBytes: Bool {
        var entry = pollfd(fd: self.fd, events: Int16(POLLIN), revents: 0)
        return !self.buffer.isEmpty || poll(&entry, 1, 0) > 0
    }

    /// Whether the server closed the connection (a read sees the end) before the timeout, with nothing unread.
    public func serverClosed() throws -> Bool {
        guard self.buffer.isEmpty else { return false }
        return try self.readSome() == nil
    }

    /// Reads until `complete` finds what it needs in the buffer.
    private func fill(_ complete: ([UInt8]) -> Int?) throws -> Int {
        while true {
            if let result = complete(self.buffer) { return result }
            guard let chunk = try self.readSome() else {
                throw Failure(description: "connection closed before the response was complete")
            }
            self.buffer += chunk
        }
    }

    /// Bytes, or nil at the end of the stream (a reset, too: a server that closes with bytes unread resets).
    private func readSome() throws -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, $0.count, 0) }
        if count < 0, errno == ECONNRESET { return nil }
        if count < 0 { throw Failure(description: "read failed or timed out (errno \(errno))") }
        return count == 0 ? nil : Array(chunk[..<count])
    }
}

/// A response as the raw client read it.
public struct RawResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// The status line's reason phrase (`OK`, `Bad Request`), empty when the server sent none.
    public var reason: String

    public init(status: Int, headers: [(String, String)], body: [UInt8], reason: String = "") {
        self.status = status
        self.headers = headers
        self.body = body
        self.reason = reason
    }

    /// The first value of the field named `name`, ignoring case.
    public func header(_ name: String) -> String? {
        self.headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// How many fields named `name` there are, ignoring case.
    public func count(of name: String) -> Int {
        self.headers.filter { $0.0.lowercased() == name.lowercased() }.count
    }

    public var text: String { String(decoding: self.body, as: UTF8.self) }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(self.drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
