/// The address of a client connection, with what the forwarding fields need of it prepared once per
/// connection rather than once per request.
public struct ClientAddress: Sendable, Equatable {
    /// The address as text (`127.0.0.1`, `::1`), as `X-Forwarded-For` carries it.
    public let text: String
    /// The `for=` part of a `Forwarded` element (RFC 7239 §6): an IPv6 address is bracketed and quoted.
    let forwardedNode: String

    public init(_ text: String) {
        self.text = text
        self.forwardedNode = text.contains(":") ? "for=\"[\(text)]\"" : "for=" + text
    }
}
