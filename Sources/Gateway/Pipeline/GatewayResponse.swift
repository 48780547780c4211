import Versioning

/// A response on its way to the client, before framing: the serializer adds `Content-Length` and `Connection`.
public struct GatewayResponse: Sendable, Equatable {
    public var status: Int
    /// The reason phrase; empty for the standard one of ``status``.
    public var reason: String
    public var headers: [HTTPField]
    /// Fields passed on from the upstream as raw `Name: value\r\n` lines, sent after ``headers``.
    public var headerBlock: [UInt8]
    public var body: [UInt8]
    /// Whether ``headerBlock`` already carries a `Date` field; the serializer adds one otherwise.
    public var carriesDate: Bool
    /// The declared changes that altered the request or this response, for the usage ledger; never sent.
    public var firedChanges = FiredChanges()
    /// The changes a shadow preview found this exchange would meet in the previewed version (sent in its
    /// `…-Changes` field too); nil without a preview.
    public var previewedChanges: FiredChanges?
    /// Whether the preview could look at everything the changes concern (see ``ExchangeImpact/unexamined``).
    public var previewIsComplete = false

    public init(
        status: Int,
        reason: String = "",
        headers: [HTTPField] = [],
        headerBlock: [UInt8] = [],
        body: [UInt8] = [],
        carriesDate: Bool = false
    ) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.headerBlock = headerBlock
        self.body = body
        self.carriesDate = carriesDate
    }
}
