/// Collects one upstream response from curl's header and body callbacks, as bytes.
///
/// curl reports every response it reads, interim `1xx` ones included, each starting with its status line;
/// a new status line starts the collection afresh, so only the final response remains. Trailer fields, reported after
/// the body, are dropped.
struct ResponseAccumulator {
    private var status = 0
    private var reason = ""
    private var headerBlock: [UInt8] = []
    private var body: [UInt8] = []
    /// Set when the body outgrew its limit and the transfer was aborted for it.
    private(set) var exceededLimit = false
    /// What is wrong with a response head that is not forwarded, in words for the client's `502`; the transfer is
    /// aborted for it. A field with a control character (a bare CR would split the head for whatever reads it
    /// next, RFC 9112 §2.2), an invalid or conflicting `Content-Length` (RFC 9112 §6.3), both `Content-Length` and
    /// `Transfer-Encoding` (§6.1), or a transfer coding other than chunked, which the gateway never asks for (it
    /// sends no `TE`) and curl would decode past every check.
    private(set) var malformation: String?
    /// The `Content-Length` of the response so far.
    private(set) var declaredLength: Int?
    /// Whether the response so far has a `Transfer-Encoding` (chunked, since any other is refused).
    private var sawTransferEncoding = false
    /// Whether the final response's head is whole: its blank line came, after a status of 200 or more.
    private(set) var isHeadComplete = false

    /// RFC 9110 §5.6.2's `tchar`: the bytes of a field name.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    private static let space = UInt8(ascii: " ")
    private static let usualHeadBytes = 1024
    private static let tab = UInt8(ascii: "\t")

    /// Adds one header line curl read; false (and the transfer is to be aborted) for a transfer coding other than
    /// chunked.
    mutating func addHeaderLine(_ line: UnsafeRawBufferPointer, limit: Int) -> Bool {
        // curl reports a chunked body's trailer fields here too. They are not merged into the head (RFC 9110
        // §6.5.1): a trailer could then decide what a head never said, and would reach clients as a header field.
        guard !self.isHeadComplete else { return true }
        var end = line.count
        while end > 0, line[end - 1] == UInt8(ascii: "\r") || line[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        guard end > 0 else {
            // The blank line: it ends an interim response's head too, which another one follows.
            if self.status >= 200 { self.isHeadComplete = true }
            return true
        }
        let content = UnsafeRawBufferPointer(rebasing: line[0..<end])
        if content.starts(with: "HTTP/".utf8) {
            self.startResponse(statusLine: content)
        } else if content[0] == Self.space || content[0] == Self.tab {
            // An obsolete folded continuation: join it to the previous field, as RFC 9112 §5.2 allows.
            guard self.headerBlock.count >= 2 else { return true }
            self.headerBlock.removeLast(2)
            self.headerBlock.append(Self.space)
            self.headerBlock.append(contentsOf: content.drop { $0 == Self.space || $0 == Self.tab })
            self.headerBlock.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
        } else if let colon = content.firstIndex(of: UInt8(ascii: ":")) {
            if content.contains(where: { ($0 < 0x20 && $0 != Self.tab) || $0 == 0x7F }) {
                self.malformation = "a header field with a control character (a bare CR, say)"
                return false
            }
            // RFC 9112 §5.1: no whitespace between name and colon; clients differ on what `Date : x` or
            // `Transfer-Encoding : chunked` means, so it never reaches them.
            guard colon > 0, content[..<colon].allSatisfy(Self.isTokenByte) else {
                self.malformation = "a header field whose name is not a token (a space before the colon, say)"
                return false
            }
            if colon == 14, Self.name(of: content, colon: colon, is: "content-length") {
                // RFC 9112 §6.3: differing lengths, in one field or several, leave the body's end unknown.
                guard let length = Self.contentLength(content[(colon + 1)...]),
                    self.declaredLength == nil || self.declaredLength == length
                else {
                    self.malformation = "an invalid or conflicting Content-Length"
                    return false
                }
                self.declaredLength = length
                self.reserveDeclaredBody(limit: limit)
            }
            if colon == 17, Self.name(of: content, colon: colon, is: "transfer-encoding") {
                if let coding = Self.codingOtherThanChunked(content, colon: colon) {
                    self.malformation = "the transfer coding '\(coding)', which the gateway never asks for"
                    return false
                }
                self.sawTransferEncoding = true
            }
            if self.sawTransferEncoding, self.declaredLength != nil {
                // RFC 9112 §6.1: both framings at once is how responses are split; it is the upstream's error.
                self.malformation = "both Content-Length and Transfer-Encoding"
                return false
            }
            self.headerBlock.append(contentsOf: content)
            self.headerBlock.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
        }
        return true
    }

    /// Makes room for the body `Content-Length` declares, up to `limit` and 1 MiB ahead: the length is the
    /// upstream's word, and the body grows by doubling past it.
    mutating func reserveDeclaredBody(limit: Int) {
        guard let length = self.declaredLength else { return }
        self.body.reserveCapacity(min(length, limit, 1 << 20))
    }

    /// Body bytes collected so far.
    var bodyCount: Int { self.body.count }

    /// Appends body bytes; false (and the transfer is to be aborted) once the total exceeds `limit`.
    mutating func appendBody(_ bytes: UnsafeRawBufferPointer, limit: Int) -> Bool {
        guard self.body.count + bytes.count <= limit else {
            self.exceededLimit = true
            return false
        }
        self.body.append(contentsOf: bytes)
        return true
    }

    /// The final response's head so far, for a consumer that gets its body as it arrives.
    var head: UpstreamResponseHead {
        UpstreamResponseHead(
            status: self.status,
            reason: self.reason,
            headerBlock: self.headerBlock,
            contentLength: self.declaredLength
        )
    }

    /// The collected response; leaves the accumulator empty.
    mutating func take() -> UpstreamResponse {
        let response = UpstreamResponse(
            status: self.status,
            reason: self.reason,
            headerBlock: self.headerBlock,
            body: self.body
        )
        self = ResponseAccumulator()
        return response
    }

    private mutating func startResponse(statusLine: UnsafeRawBufferPointer) {
        self.declaredLength = nil
        self.sawTransferEncoding = false
        self.isHeadComplete = false
        self.headerBlock.removeAll(keepingCapacity: true)
        // Most heads fit: one allocation rather than one per doubling.
        self.headerBlock.reserveCapacity(Self.usualHeadBytes)
        self.body.removeAll(keepingCapacity: true)
        // HTTP/1.1 200 OK: the code is the three digits after the first space, the reason what follows them.
        guard let space = statusLine.firstIndex(of: Self.space), statusLine.count >= space + 4 else {
            self.status = 0
            return
        }
        self.status = statusLine[(space + 1)..<(space + 4)].reduce(0) { $0 * 10 + Int($1) - 48 }
        self.reason = statusLine.count > space + 5 ? String(decoding: statusLine[(space + 5)...], as: UTF8.self) : ""
    }

    /// The codings other than chunked, lowercased, of a `Transfer-Encoding` line; nil when it names none.
    private static func codingOtherThanChunked(_ line: UnsafeRawBufferPointer, colon: Int) -> String? {
        let codings = String(decoding: line[(colon + 1)...], as: UTF8.self).lowercased().split(separator: ",")
            .map { $0.filter { $0 != " " && $0 != "\t" } }
        let others = codings.filter { !$0.isEmpty && $0 != "chunked" }
        return others.isEmpty ? nil : others.joined(separator: ", ")
    }

    /// Whether the field name before `colon` is `lowercaseName`, compared case-insensitively (RFC 9110 §5.1).
    private static func name(of line: UnsafeRawBufferPointer, colon: Int, is lowercaseName: StaticString) -> Bool {
        guard colon == lowercaseName.utf8CodeUnitCount else { return false }
        let expected = UnsafeRawBufferPointer(start: lowercaseName.utf8Start, count: colon)
        return zip(line[..<colon], expected).allSatisfy { byte, lower in
            (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte) == lower
        }
    }

    /// The length a `Content-Length` value gives: one number, or a list of equal ones (`5, 5`, from a sloppy
    /// upstream), whose empty elements are ignored (RFC 9110 §5.6.1.2); nil for a value with no number, an element
    /// that is not a number, or numbers that differ.
    private static func contentLength(_ value: Slice<UnsafeRawBufferPointer>) -> Int? {
        var length: Int?
        var rest = value[...]
        repeat {
            let element = rest.prefix { $0 != UInt8(ascii: ",") }
            rest = rest[min(element.endIndex + 1, rest.endIndex)...]
            // Whitespace only around an element: `7 7` is no number (curl would read 7, a client 77).
            let isBlank = { (byte: UInt8) in byte == Self.space || byte == Self.tab }
            guard let first = element.firstIndex(where: { !isBlank($0) }),
                let last = element.lastIndex(where: { !isBlank($0) })
            else { continue }
            var number = 0
            for byte in element[first...last] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), number < Int.max / 10 else { return nil }
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
            }
            guard length == nil || length == number else { return nil }
            length = number
        } while !rest.isEmpty
        return length
    }
}
