/// Cuts a connection's byte stream into requests: a head, then its body, then the next head.
///
/// Pure and incremental: feed it whatever arrived, call ``next(_:)`` until it needs more data. Any error is
/// final for the connection (the framer does not resynchronise after bad framing). A body is framed whole, under
/// ``Limits/maxBodyBytes``, unless ``streamBody()`` is called after its head: then it comes in parts as it arrives,
/// under no limit, and ends with ``Event/bodyEnd``.
public struct RequestFramer: Sendable {
    /// Bounds on what one request may make the gateway buffer.
    public struct Limits: Sendable {
        /// Request line plus header section, in bytes.
        public var maxHeadBytes: Int
        public var maxHeaderFields: Int
        /// Decoded body, in bytes.
        public var maxBodyBytes: Int

        public init(maxHeadBytes: Int = 32 * 1024, maxHeaderFields: Int = 100, maxBodyBytes: Int = 16 << 20) {
            self.maxHeadBytes = maxHeadBytes
            self.maxHeaderFields = maxHeaderFields
            self.maxBodyBytes = maxBodyBytes
        }
    }

    /// What the framer found in the input.
    public enum Event: Sendable, Equatable {
        case needMoreData
        /// A request head; its body (possibly empty) is the next event.
        case head(RequestHead, BodyFraming)
        /// The whole body of the request whose head came last.
        case body([UInt8])
        /// The next bytes of a streamed body (``streamBody()``), decoded from chunks if it was chunked.
        case bodyPart([UInt8])
        /// A streamed body is complete (its trailer fields, if chunked, checked and dropped).
        case bodyEnd
    }

    private enum State: Sendable {
        case head(scanned: Int)
        case fixedBody(remaining: Int)
        case chunkedBody(ChunkedBodyDecoder)
        case emptyBody
    }

    public let limits: Limits
    private var state = State.head(scanned: 0)
    private var body: [UInt8] = []
    /// Whether the current body comes in parts (``streamBody()``).
    private var streamsBody = false

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// True when no request is partly received, i.e. the connection is idle between requests.
    public var isBetweenRequests: Bool {
        if case .head(scanned: 0) = self.state { return true }
        return false
    }

    public mutating func next(_ input: inout InputBuffer) throws(HTTPParseError) -> Event {
        switch self.state {
        case .head(let scanned):
            return try self.nextHead(&input, scanned: scanned)
        case .emptyBody:
            return self.finishBody()
        case .fixedBody(let remaining) where self.streamsBody:
            let count = min(remaining, input.readableCount)
            guard count > 0 else { return .needMoreData }
            var part: [UInt8] = []
            part.reserveCapacity(count)
            input.move(count, into: &part)
            self.state = count == remaining ? .emptyBody : .fixedBody(remaining: remaining - count)
            return .bodyPart(part)
        case .chunkedBody(var decoder) where self.streamsBody:
            var part: [UInt8] = []
            let done = try decoder.decode(&input, into: &part, limit: .max)
            self.state = done ? .emptyBody : .chunkedBody(decoder)
            return part.isEmpty ? (done ? self.finishBody() : .needMoreData) : .bodyPart(part)
        case .fixedBody(let remaining):
            guard remaining <= self.limits.maxBodyBytes else { throw .bodyTooLarge(limit: self.limits.maxBodyBytes) }
            let count = min(remaining, input.readableCount)
            // Room for what arrived, up to 64 KiB ahead: a declared length is a promise, and 2,000 heads declaring
            // 16 MB each once reserved 31 GB before a byte of body came. Beyond that the body grows by doubling.
            if self.body.isEmpty, count > 0 { self.body.reserveCapacity(min(remaining, max(count, 64 * 1024))) }
            input.move(count, into: &self.body)
            guard count == remaining else {
                self.state = .fixedBody(remaining: remaining - count)
                return .needMoreData
            }
            return self.finishBody()
        case .chunkedBody(var decoder):
            let done = try decoder.decode(&input, into: &self.body, limit: self.limits.maxBodyBytes)
            self.state = .chunkedBody(decoder)
            return done ? self.finishBody() : .needMoreData
        }
    }

    /// Frames the body of the request whose head came last in parts as it arrives, under no limit (the caller sends
    /// it on without holding it), rather than whole. Call right after its head.
    public mutating func streamBody() {
        self.streamsBody = true
    }

    private mutating func finishBody() -> Event {
        self.state = .head(scanned: 0)
        if self.streamsBody {
            self.streamsBody = false
            return .bodyEnd
        }
        let body = self.body
        self.body = []
        return .body(body)
    }

    private mutating func nextHead(_ input: inout InputBuffer, scanned: Int) throws(HTTPParseError) -> Event {
        if scanned == 0 {
            // RFC 9112 §2.2: ignore empty lines before a request line (left over after some clients' bodies).
            while input.readableCount >= 2, input[0] == HTTPSyntax.cr, input[1] == HTTPSyntax.lf { input.consume(2) }
        }
        let limits = self.limits
        let outcome = try input.withReadableBytes { (raw) throws(HTTPParseError) -> (RequestHead, Int)? in
            guard let end = Self.endOfHead(in: raw, from: scanned) else {
                if raw.count > limits.maxHeadBytes { throw .headTooLarge(limit: limits.maxHeadBytes) }
                return nil
            }
            guard end <= limits.maxHeadBytes else { throw .headTooLarge(limit: limits.maxHeadBytes) }
            let head = UnsafeRawBufferPointer(rebasing: raw[..<end])
            return (try RequestHeadParser.parse(head, maxHeaderFields: limits.maxHeaderFields), end)
        }
        guard let (head, length) = outcome else {
            // Rescan the last 3 bytes next time: the end marker may straddle two reads.
            self.state = .head(scanned: max(0, input.readableCount - 3))
            return .needMoreData
        }
        input.consume(length)
        let framing = try RequestHeadParser.bodyFraming(of: head)
        switch framing {
        case .none, .length(0): self.state = .emptyBody
        case .length(let length): self.state = .fixedBody(remaining: length)
        case .chunked: self.state = .chunkedBody(ChunkedBodyDecoder(maxTrailerBytes: limits.maxHeadBytes))
        }
        return .head(head, framing)
    }

    /// The offset just past the blank line ending the head, if it has arrived. A bare LF ending the blank
    /// line counts too, so that the parser can reject it rather than wait for more.
    private static func endOfHead(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        while let lf = bytes[index...].firstIndex(of: HTTPSyntax.lf) {
            if lf >= 1, bytes[lf - 1] == HTTPSyntax.lf { return lf + 1 }
            if lf >= 2, bytes[lf - 1] == HTTPSyntax.cr, bytes[lf - 2] == HTTPSyntax.lf { return lf + 1 }
            index = lf + 1
        }
        return nil
    }
}
