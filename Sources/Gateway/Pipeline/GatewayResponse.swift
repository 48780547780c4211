import Versioning

/// A response on its way to the client, before framing: the serializer adds `Content-Length` (or
/// `Transfer-Encoding`) and `Connection`.
public struct GatewayResponse: Sendable, Equatable {
    /// Where the body comes from.
    public enum Delivery: Sendable, Equatable {
        /// ``GatewayResponse/body`` is all of it.
        case whole
        /// It follows as the upstream sends it (``GatewayResponse/body`` is empty): `length` bytes from the
        /// upstream's `Content-Length`, or nil when the upstream's end tells.
        case relayed(length: Int?)
    }

    public var status: Int
    /// The reason phrase; empty for the standard one of ``status``.
    public var reason: String
    public var headers: [HTTPField]
    /// Fields passed on from the upstream as raw `Name: value\r\n` lines, sent after ``headers``.
    public var headerBlock: [UInt8]
    public var body: [UInt8]
    /// Whether ``headerBlock`` already carries a `Date` field; the serializer adds one otherwise.
    public var carriesDate: Bool
    public var delivery = Delivery.whole
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
