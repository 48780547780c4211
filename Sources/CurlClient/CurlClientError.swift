/// Why an upstream transfer produced no response.
public struct CurlClientError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The upstream refused the connection, could not be resolved or reached, or broke the connection.
        case unreachable
        /// The upstream did not answer within the configured time.
        case timedOut
        /// The upstream's response body exceeded the configured limit.
        case responseTooLarge
        /// The response body did not fit in what the loop may hold of bodies at once (``BufferBudget``).
        case overBudget
        /// The gateway could not open a connection to the upstream: the process or the system has no file
        /// descriptor left (`EMFILE`, `ENFILE`).
        case outOfDescriptors
        /// The upstream answered with something that is not valid HTTP.
        case protocolError
        /// The client was shut down before the transfer finished.
        case shutDown
    }

    public let kind: Kind
    /// curl's own words for what happened, for logs and problem details.
    public let message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { self.message }
}
