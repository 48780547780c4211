/// The upstream's final response (interim `1xx` responses are skipped), with its body read in full.
public struct UpstreamResponse: Sendable {
    public var status: Int
    /// The reason phrase of the status line, possibly empty.
    public var reason: String
    /// The header section as received, one `Name: value\r\n` line per field (folded lines already joined),
    /// without the status line and the empty line. Kept as bytes so that a proxy can pass fields on without
    /// turning each into strings; hop-by-hop fields are still in it.
    public var headerBlock: [UInt8]
    public var body: [UInt8]
    /// Bytes of the client's ``BufferBudget`` reserved for this body; whoever holds the response releases them.
    public var budgetedBytes = 0

    public init(status: Int, reason: String, headerBlock: [UInt8], body: [UInt8]) {
        self.status = status
        self.reason = reason
        self.headerBlock = headerBlock
        self.body = body
    }

    /// The fields of ``headerBlock`` as strings, in order, for callers that need them by name.
    public var headers: [(name: String, value: String)] {
        self.headerBlock.split(separator: UInt8(ascii: "\n")).compactMap { line in
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            let value = line[(colon + 1)...].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            let trimmed = value.reversed().drop {
                $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t")
            }
            return (
                String(decoding: line[..<colon], as: UTF8.self), String(decoding: trimmed.reversed(), as: UTF8.self)
            )
        }
    }
}

/// Receives the outcome of a transfer, on the client's loop thread, after curl's call has returned.
public protocol UpstreamResponseHandler: AnyObject {
    func upstreamTransfer(finishedWith result: Result<UpstreamResponse, CurlClientError>)
    /// A request body sent as it arrives (``UpstreamRequest/streamedBody``): the transfer has sent most of what it
    /// was given, after ``CurlClient/supplyBody(_:to:)`` said to wait; supply more.
    func upstreamTransferTakesRequestBody()
}

extension UpstreamResponseHandler {
    /// A handler that supplies no request body as it arrives is never told.
    public func upstreamTransferTakesRequestBody() {}
}
