import Crypto
import Usage

/// The bearer token that opens the gateway's protected admin endpoints (`report`, `metrics`), held only as its
/// SHA-256 digest and compared in constant time, so that neither memory dumps nor timing give it away.
///
/// Configured from `VERSIONGATE_ADMIN_TOKEN` or the file `VERSIONGATE_ADMIN_TOKEN_FILE`, never a flag.
public struct AdminToken: Sendable {
    /// Fewest characters an admin token may have.
    public static let shortest = 16

    private let digest: [UInt8]

    /// - Throws: ``AdminTokenError`` when `secret` is shorter than ``shortest`` or holds characters a bearer token
    ///   cannot (RFC 6750 §2.1); the message never contains it.
    public init(_ secret: String) throws(AdminTokenError) {
        guard secret.utf8.count >= Self.shortest else {
            throw AdminTokenError(description: "the admin token must have at least \(Self.shortest) characters")
        }
        guard BearerCredentials.isToken68(secret[...]) else {
            throw AdminTokenError(
                description: "the admin token may hold only letters, digits and -._~+/= (a bearer token, RFC 6750)"
            )
        }
        self.digest = Array(SHA256.hash(data: Array(secret.utf8)))
    }

    /// Whether `authorization` (an `Authorization` field value) carries this token as a bearer credential.
    func admits(_ authorization: String?) -> Bool {
        guard let authorization, let token = BearerCredentials.token(in: authorization) else { return false }
        let presented = SHA256.hash(data: Array(token.utf8))
        var difference: UInt8 = 0
        for (expected, actual) in zip(self.digest, presented) { difference |= expected ^ actual }
        return difference == 0
    }
}

/// Why the configured admin token cannot be used, in one line.
public struct AdminTokenError: Error, Sendable, CustomStringConvertible {
    public let description: String
}
