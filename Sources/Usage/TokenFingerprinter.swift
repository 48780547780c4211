import Crypto

/// Turns a bearer token into a name the ledger can keep: `fp_` and the first 8 hex digits of
/// HMAC-SHA-256(key, token) (RFC 2104). Keyed, so that a fingerprint cannot be checked against guessed tokens
/// without the key; short, because it names a client in reports rather than proving anything.
///
/// The key comes from `VERSIONGATE_FINGERPRINT_KEY`, or the file named by `VERSIONGATE_FINGERPRINT_KEY_FILE`, so
/// that every gateway sharing a ledger names the same token the same way (see ``FingerprintKey``).
public struct TokenFingerprinter: Sendable {
    private let key: SymmetricKey

    public init(key: FingerprintKey) {
        self.key = SymmetricKey(data: key.bytes)
    }

    /// `fp_3f9a1c0e` for `token`.
    public func fingerprint(of token: Substring) -> String {
        var code = HMAC<SHA256>(key: self.key)
        code.update(data: Array(token.utf8))
        let digest = code.finalize()
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var name: [UInt8] = Array("fp_".utf8)
        for byte in digest.prefix(4) {
            name.append(hex[Int(byte >> 4)])
            name.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: name, as: UTF8.self)
    }
}
