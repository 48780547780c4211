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
        let identities = [self.upstreamClientIDField, self.clientIDHeader].map(Self.withHyphens)
        headers.removeAll { field in
            let name = HTTPSyntax.asciiLowercased(field.name)
            if name == "authorization" { return !authentication.forwardsCredentials }
            return identities.contains(Self.withHyphens(name))
        }
        if let client { headers.append((authentication.upstreamClientIDFieldName, client.id)) }
    }

    /// A field name with each `_` as `-`, for comparing names as CGI does.
    private static func withHyphens(_ name: String) -> String {
        name.contains("_") ? String(name.map { $0 == "_" ? "-" : $0 }) : name
    }
}
