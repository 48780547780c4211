/// Parses a complete request head (request line, fields, empty line) strictly by RFC 9112: single spaces in the
/// request line, CRLF line ends, no folding, token field names, one Host for HTTP/1.1, at most one Content-Type.
enum RequestHeadParser {
    /// Room for this many fields is made at once: most requests have fewer.
    private static let usualFieldCount = 16

    /// - Parameter head: the bytes up to and including the empty line that ends the head.
    static func parse(_ head: UnsafeRawBufferPointer, maxHeaderFields: Int) throws(HTTPParseError) -> RequestHead {
        var lines = LineIterator(head)
        guard let requestLine = try lines.next() else { throw .malformedRequestLine }
        var (request, authority) = try self.parseRequestLine(requestLine)
        request.headers.reserveCapacity(min(maxHeaderFields, Self.usualFieldCount))
        while let line = try lines.next() {
            if line.isEmpty { break }
            guard request.headers.count < maxHeaderFields else { throw .tooManyHeaderFields(limit: maxHeaderFields) }
            request.headers.append(try HTTPSyntax.field(from: line))
        }
        if let authority {
            // RFC 9112 §3.2.2: with an absolute-form target, its authority is the host; a Host field is ignored.
            request.headers.removeAll { $0.hasName("host") }
            request.headers.insert(HTTPField("Host", authority), at: 0)
        }
        var hosts = 0
        var contentTypes = 0
        for field in request.headers {
            if field.hasName("host") { hosts += 1 } else if field.hasName("content-type") { contentTypes += 1 }
        }
        if hosts > 1 { throw .multipleHosts }
        if hosts == 0, request.minorVersion == 1 { throw .missingHost }
        // A singleton: with several, the gateway and the upstream could each read the body as another type.
        if contentTypes > 1 { throw .multipleContentTypes }
        return request
    }

    /// Decides how the body is delimited (RFC 9112 §6.3), refusing the ambiguous combinations that enable
    /// request smuggling.
    static func bodyFraming(of head: RequestHead) throws(HTTPParseError) -> BodyFraming {
        let codings = head.headers.tokens("transfer-encoding")
        let lengths = head.headers.values("content-length")
        if head.headers.contains(where: { $0.hasName("transfer-encoding") }) {
            guard lengths.isEmpty else { throw .contentLengthWithTransferEncoding }
            guard head.minorVersion == 1 else { throw .transferEncodingInHTTP10 }
            guard codings.last == "chunked" else { throw .chunkedNotFinal }
            guard codings.count == 1 else { throw .unsupportedTransferCoding(codings.joined(separator: ", ")) }
            return .chunked
        }
        guard !lengths.isEmpty else { return .none }
        var length: Int?
        for element in lengths.flatMap({ $0.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) }
        ) {
            let digits = HTTPSyntax.trimmingOptionalWhitespace(element)
            guard !digits.isEmpty, digits.count <= 18,
                digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else { throw .invalidContentLength }
            let value = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            guard length == nil || length == value else { throw .invalidContentLength }
            length = value
        }
        return length.map(BodyFraming.length) ?? .none
    }

    /// The request line as a head without fields, and the authority of an absolute-form target.
    private static func parseRequestLine(
        _ line: UnsafeRawBufferPointer
    ) throws(HTTPParseError) -> (RequestHead, authority: String?) {
        guard let firstSpace = line.firstIndex(of: HTTPSyntax.space) else { throw .malformedRequestLine }
        let rest = line[(firstSpace + 1)...]
        guard let secondSpace = rest.firstIndex(of: HTTPSyntax.space) else { throw .malformedRequestLine }
        let methodBytes = UnsafeRawBufferPointer(rebasing: line[..<firstSpace])
        let targetBytes = UnsafeRawBufferPointer(rebasing: line[(firstSpace + 1)..<secondSpace])
        let versionBytes = UnsafeRawBufferPointer(rebasing: line[(secondSpace + 1)...])
        guard HTTPSyntax.isToken(methodBytes) else { throw .invalidMethod }
        let minorVersion = try self.minorVersion(versionBytes)
        let method = String(decoding: methodBytes, as: UTF8.self)
        // CONNECT makes a tunnel, not an API call; TRACE would echo credentials back (cross-site tracing).
        if method == "CONNECT" || method == "TRACE" { throw .unsupportedMethod(method) }
        guard !targetBytes.isEmpty, targetBytes.allSatisfy(HTTPSyntax.isTargetByte) else { throw .invalidTarget }
        let (target, authority) = try self.originForm(String(decoding: targetBytes, as: UTF8.self), method: method)
        return (RequestHead(method: method, target: target, minorVersion: minorVersion, headers: []), authority)
    }

    private static func minorVersion(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> Int {
        let version = String(decoding: bytes, as: UTF8.self)
        switch version {
        case "HTTP/1.1": return 1
        case "HTTP/1.0": return 0
        default:
            let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
            if bytes.count == 8, version.hasPrefix("HTTP/"), isDigit(bytes[5]), bytes[6] == UInt8(ascii: "."),
                isDigit(bytes[7])
            {
                throw .unsupportedVersion(version)
            }
            throw .malformedRequestLine
        }
    }

    /// Origin form as is; `*` for OPTIONS only; absolute form reduced to its path and query, with its authority
    /// (RFC 9112 §3.2.2).
    private static func originForm(
        _ target: String,
        method: String
    ) throws(HTTPParseError) -> (target: String, authority: String?) {
        if target.hasPrefix("/") { return (target, nil) }
        if target == "*" {
            guard method == "OPTIONS" else { throw .invalidTarget }
            return (target, nil)
        }
        let lowered = target.lowercased()
        for scheme in ["http://", "https://"] where lowered.hasPrefix(scheme) {
            let afterScheme = target.dropFirst(scheme.count)
            let pathStart = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
            let authority = afterScheme[..<pathStart]
            // No userinfo (RFC 9110 §4.2.4 forbids it in http URIs), and a host with at most a port.
            guard Self.isAuthority(authority) else { throw .invalidTarget }
            let rest = afterScheme[pathStart...]
            return (rest.hasPrefix("/") ? String(rest) : "/" + rest, String(authority))
        }
        throw .invalidTarget
    }

    /// Whether `authority` is `host[:port]` (RFC 3986 §3.2.2–3.2.3): a bracketed IP literal or a name of unreserved,
    /// percent-encoded and sub-delimiter characters (so no userinfo), and a port of 0 to 65535.
    private static func isAuthority(_ authority: Substring) -> Bool {
        var host = authority
        var port: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return false }
            host = authority[...close]
            let rest = authority[authority.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return false }
                port = rest.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        }
        if let port {
            guard (1...5).contains(port.count), port.allSatisfy({ $0 >= "0" && $0 <= "9" }), let number = Int(port),
                number <= 65_535
            else { return false }
        }
        return !host.isEmpty && (host.hasPrefix("[") || host.allSatisfy(Self.hostNameCharacters.contains))
    }

    private static let hostNameCharacters = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%!$&'()*+,;="
    )
}

/// Splits a head into lines, requiring CRLF after each.
private struct LineIterator {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    mutating func next() throws(HTTPParseError) -> UnsafeRawBufferPointer? {
        guard self.position < self.bytes.count else { return nil }
        guard let lf = self.bytes[self.position...].firstIndex(of: HTTPSyntax.lf) else { throw .malformedRequestLine }
        guard lf > self.position, self.bytes[lf - 1] == HTTPSyntax.cr else { throw .bareLineFeed }
        let line = UnsafeRawBufferPointer(rebasing: self.bytes[self.position..<(lf - 1)])
        self.position = lf + 1
        return line
    }
}
