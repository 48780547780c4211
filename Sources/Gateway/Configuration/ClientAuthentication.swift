import Clients
import CurlClient

/// How the gateway knows its clients: by the tokens the registry issued (`versiongate clients create`), presented
/// as `Authorization: Bearer vg_live_…` (RFC 6750 §2.1).
public struct ClientAuthentication: Sendable {
    /// Whether a request must present a token.
    public enum Mode: String, Sendable, CaseIterable {
        /// Tokens are not checked (the client-id header names clients, as it always did); `Authorization` passes
        /// upstream untouched.
        case off
        /// A request without bearer credentials passes as `anonymous`; one that presents a token must present a
        /// valid one.
        case optional
        /// Every request to the API presents a valid token, or gets `401` (RFC 6750 §3).
        case required
    }

    public var mode: Mode
    /// Where `test` clients' requests go, translated to the version the default upstream speaks; nil to refuse
    /// them with `403`. Never one of the live upstreams.
    public var sandboxUpstream: UpstreamURL?
    /// Pins a client without a pin to the default version at its first authenticated request (Stripe's
    /// behaviour), so that a later change of the default does not change what it gets.
    public var pinsOnFirstRequest: Bool
    /// Sends the client's `Authorization` field upstream; otherwise it is removed, so that the gateway's tokens
    /// never reach the upstream.
    public var forwardsCredentials: Bool
    /// The field that tells the upstream which client sent a request (its registry id), replacing any field of
    /// that name the client sent; an unauthenticated request carries none.
    public var upstreamClientIDFieldName: String
    /// Where the loops report the clients they served and the pins to set, about once a second; nil to report
    /// nothing.
    public var activity: ClientActivityInbox?

    public init(
        mode: Mode = .off,
        sandboxUpstream: UpstreamURL? = nil,
        pinsOnFirstRequest: Bool = false,
        forwardsCredentials: Bool = false,
        upstreamClientIDFieldName: String = "X-Client-ID",
        activity: ClientActivityInbox? = nil
    ) {
        self.mode = mode
        self.sandboxUpstream = sandboxUpstream
        self.pinsOnFirstRequest = pinsOnFirstRequest
        self.forwardsCredentials = forwardsCredentials
        self.upstreamClientIDFieldName = upstreamClientIDFieldName
        self.activity = activity
    }

    /// Tokens are not checked: the gateway behaves as it did before clients were registered.
    public static let off = ClientAuthentication()
}
