/// Frames a ``GatewayResponse`` for an HTTP/1.1 client: status line, fields, `Content-Length` where the status
/// allows a body, and `Connection: close` when the connection ends after it (`Connection: keep-alive` when it does
/// not, for an HTTP/1.0 client, whose connections otherwise end after each response: RFC 9112 §9.3).
enum ResponseSerializer {
    /// Bodies up to this size are copied behind the head so that one `write` sends both.
    static let inlineBodyLimit = 16 * 1024

    struct Output {
        var head: [UInt8]
        /// Sent after `head` unless it was small enough to travel inside it.
        var body: [UInt8]
    }

    /// - Parameters:
    ///   - headOnly: the request was `HEAD`: send fields only, and keep any `Content-Length` the response has.
    ///   - dateLine: a `Date: …\r\n` line, sent unless the response carries its own `Date`.
    ///   - relayFraming: how a relayed body (``GatewayResponse/Delivery/relayed(length:)``) follows the head; the
    ///     output is the head alone then.
    ///   - clientMinorVersion: the request's HTTP/1.x minor version.
    ///   - following: bytes the caller will append to the head (a relayed body's first part), reserved with it.
    static func serialize(
        _ response: GatewayResponse,
        headOnly: Bool,
        keepAlive: Bool,
        dateLine: [UInt8] = [],
        relayFraming: RelayFraming = .none,
        clientMinorVersion: Int = 1,
        reservingFollowingBytes following: Int = 0
    ) -> Output {
        var head: [UInt8] = []
        let inlineBody = response.body.count <= self.inlineBodyLimit ? response.body.count : 0
        head.reserveCapacity(
            256 + response.headers.count * 48 + response.headerBlock.count + dateLine.count + inlineBody + following
        )
        head.append(contentsOf: "HTTP/1.1 ".utf8)
        Self.appendDecimal(response.status, to: &head)
        head.append(UInt8(ascii: " "))
        head.append(contentsOf: (response.reason.isEmpty ? Self.reason(for: response.status) : response.reason).utf8)
        head.append(contentsOf: "\r\n".utf8)
        for field in response.headers {
            head.append(contentsOf: field.name.utf8)
            head.append(contentsOf: ": ".utf8)
            head.append(contentsOf: field.value.utf8)
            head.append(contentsOf: "\r\n".utf8)
        }
        head.append(contentsOf: response.headerBlock)
        if !response.carriesDate { head.append(contentsOf: dateLine) }
        let statusAllowsBody = response.status >= 200 && response.status != 204 && response.status != 304
        if response.delivery != .whole {
            switch relayFraming {
            case .length(let length):
                head.append(contentsOf: "Content-Length: ".utf8)
                Self.appendDecimal(length, to: &head)
                head.append(contentsOf: "\r\n".utf8)
            case .chunked:
                head.append(contentsOf: "Transfer-Encoding: chunked\r\n".utf8)
            case .none, .untilClose:
                break
            }
        } else if statusAllowsBody, !headOnly {
            head.append(contentsOf: "Content-Length: ".utf8)
            Self.appendDecimal(response.body.count, to: &head)
            head.append(contentsOf: "\r\n".utf8)
        }
        if !keepAlive {
            head.append(contentsOf: "Connection: close\r\n".utf8)
        } else if clientMinorVersion == 0 {
            head.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        head.append(contentsOf: "\r\n".utf8)
        guard statusAllowsBody, !headOnly else { return Output(head: head, body: []) }
        if response.body.count <= self.inlineBodyLimit {
            head.append(contentsOf: response.body)
            return Output(head: head, body: [])
        }
        return Output(head: head, body: response.body)
    }

    /// Writes a non-negative number's digits without going through a string.
    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// The reason phrase RFC 9110 §15 gives `status` (RFC 6585 for 428, 429 and 431); empty for others, which
    /// RFC 9112 §4 allows.
    static func reason(for status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 203: "Non-Authoritative Information"
        case 204: "No Content"
        case 205: "Reset Content"
        case 206: "Partial Content"
        case 300: "Multiple Choices"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 305: "Use Proxy"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 402: "Payment Required"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 407: "Proxy Authentication Required"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 416: "Range Not Satisfiable"
        case 417: "Expectation Failed"
        case 421: "Misdirected Request"
        case 422: "Unprocessable Content"
        case 426: "Upgrade Required"
        case 428: "Precondition Required"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: ""
        }
    }
}
