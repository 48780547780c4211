/// The address of a client connection, with what the forwarding fields need of it prepared once per
/// connection rather than once per request.
public struct ClientAddress: Sendable, Equatable {
    /// The address as text (`127.0.0.1`, `::1`), as `X-Forwarded-For` carries it.
    public let text: String
    /// The `for=` part of a `Forwarded` element (RFC 7239 §6): an IPv6 address is bracketed and quoted.
    private let forwardedNode: String
    /// The last host and the element built for it: a connection's requests nearly always name one host.
    private var lastElement: (host: String?, element: String)?

    public init(_ text: String) {
        self.text = text
        self.forwardedNode = text.contains(":") ? "for=\"[\(text)]\"" : "for=" + text
    }

    /// This client's `Forwarded` element (RFC 7239 §4) for a request to `host`; a host with characters
    /// outside a token is quoted.
    public mutating func forwardedElement(host: String?) -> String {
        if let last = self.lastElement, last.host == host { return last.element }
        let element: String
        if let host {
            let isToken = host.utf8.allSatisfy(HTTPSyntax.isTokenByte)
            element = "\(self.forwardedNode);host=\(isToken ? host : ProblemDetails.quoted(host));proto=http"
        } else {
            element = self.forwardedNode + ";proto=http"
        }
        self.lastElement = (host, element)
        return element
    }

    public static func == (lhs: ClientAddress, rhs: ClientAddress) -> Bool {
        lhs.text == rhs.text
    }
}
