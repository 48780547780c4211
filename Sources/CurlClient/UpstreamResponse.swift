/// The upstream's final response (interim `1xx` responses are skipped), with its body read in full.
public struct UpstreamResponse: Sendable {
    public var status: Int
    /// The reason phrase of the status line, possibly empty.
    public var reason: String
    /// Headers as received, in order, including hop-by-hop ones: deciding what to drop is the caller's job.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, reason: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }
}
