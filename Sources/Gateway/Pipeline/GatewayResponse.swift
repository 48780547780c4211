/// A response on its way to the client, before framing: the serializer adds `Content-Length` and `Connection`.
public struct GatewayResponse: Sendable, Equatable {
    public var status: Int
    /// The reason phrase; empty for the standard one of ``status``.
    public var reason: String
    public var headers: [HTTPField]
    public var body: [UInt8]

    public init(status: Int, reason: String = "", headers: [HTTPField] = [], body: [UInt8] = []) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }
}
