import Clients
import Glibc
import Usage

/// Authentication: which registered client a request comes from (``ClientAuthentication``), decided from the
/// loop's snapshot of the registry alone.
extension RequestPipeline {
    /// What authentication decided about a request.
    enum Credentials {
        /// Let through: as the registered client whose token it presented, or nil (not checked, or anonymous).
        case accepted(ClientSnapshot.Client?)
        /// Answered with this problem.
        case refused(GatewayProblem)
    }

    /// The client whose token the request presents; nil when tokens are not checked, or the request presents none
    /// and may pass as `anonymous`.
    /// - Returns: the problem that answers the request otherwise: `401` with a `Bearer` challenge.
    func authenticate(
        _ head: RequestHead,
        clients: ClientSnapshot
    ) -> Credentials {
        let mode = self.configuration.authentication.mode
        guard mode != .off else { return .accepted(nil) }
        var credentials: String?
        for field in head.headers where field.canonicalName == "authorization" {
            // One field may carry one credential (RFC 9110 §11.6.2); two would let the upstream read another.
            guard credentials == nil else {
                return .refused(.clientUnauthorized(reason: "the request has more than one Authorization field"))
            }
            credentials = field.value
        }
        guard let credentials, BearerCredentials.hasBearerScheme(credentials) else {
            return mode == .required ? .refused(.clientUnauthorized(reason: nil)) : .accepted(nil)
        }
        guard let token = BearerCredentials.token(in: credentials) else {
            return .refused(.clientUnauthorized(reason: ClientSnapshot.Failure.malformed(.notAToken).description))
        }
        switch clients.authenticate(token, now: Int64(time(nil))) {
        case .success(let client): return .accepted(client)
        case .failure(let failure): return .refused(.clientUnauthorized(reason: failure.description))
        }
    }

    /// Who a draft's preview list is checked against: the registered client when tokens are checked (a header
    /// could name anyone), else the client-id header.
    func previewIdentity(of head: RequestHead, caller: ClientSnapshot.Client?) -> String? {
        guard self.configuration.authentication.mode == .off else { return caller?.id }
        return head.headers.first(self.clientIDHeader)
    }

    /// With tokens checked: the client's `Authorization` removed unless forwarded, and the upstream's client-id
    /// field set to the registered client's id (removed for an anonymous request), whatever the client sent. The
    /// client-id header clients send when tokens are not checked goes too, and so does any field that differs from
    /// either only by `_` for `-` (CGI-style upstreams read `X_Client_ID` as `X-Client-ID`).
    func identify(_ client: ClientSnapshot.Client?, in headers: inout [(name: String, value: String)]) {
        let authentication = self.configuration.authentication
        guard authentication.mode != .off else { return }
        let identities = self.identityFields
        headers.removeAll { field in
            if Self.name(field.name, isCGIEqualTo: "authorization") { return !authentication.forwardsCredentials }
            return Self.name(field.name, isCGIEqualTo: identities.upstream)
                || Self.name(field.name, isCGIEqualTo: identities.client)
        }
        if let client { headers.append((authentication.upstreamClientIDFieldName, client.id)) }
    }

    /// Whether `name` is `canonical` (lowercase, `-` not `_`) in any case and with `_` for `-`, as CGI reads field
    /// names; compares bytes, allocating nothing.
    private static func name(_ name: String, isCGIEqualTo canonical: String) -> Bool {
        guard name.utf8.count == canonical.utf8.count else { return false }
        return zip(name.utf8, canonical.utf8).allSatisfy { byte, expected in
            let lowered = HTTPSyntax.asciiLowercased(byte)
            return (lowered == UInt8(ascii: "_") ? UInt8(ascii: "-") : lowered) == expected
        }
    }

    /// A field name as ``name(_:isCGIEqualTo:)`` compares it: lowercase, each `_` as `-`.
    static func cgiCanonical(_ name: String) -> String {
        String(name.lowercased().map { $0 == "_" ? "-" : $0 })
    }
}
