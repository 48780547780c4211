/// The `Bearer` scheme of the `Authorization` field (RFC 6750 §2.1): `Bearer <token68>`, the scheme's name in any
/// case.
public enum BearerCredentials {
    /// The token of a `Bearer` credential; nil for another scheme or a malformed token.
    public static func token(in authorization: String) -> Substring? {
        guard self.hasBearerScheme(authorization), authorization.utf8.dropFirst(6).first == UInt8(ascii: " ") else {
            return nil
        }
        let token = authorization.dropFirst(7).drop { $0 == " " }
        guard Self.isToken68(token) else { return nil }
        return token
    }

    /// Whether the credentials start with the `Bearer` scheme's name in any case, whatever follows (`Bearer\t…`,
    /// `Bearertoken`): credentials meant as a bearer token, well-formed or not.
    public static func hasBearerScheme(_ authorization: String) -> Bool {
        authorization.utf8.count >= 6
            && authorization.utf8.prefix(6).lazy.map { $0 | 0x20 }.elementsEqual("bearer".utf8)
    }

    /// Whether `text` is a non-empty token68: letters, digits and `-._~+/`, then optional `=` padding.
    public static func isToken68(_ text: Substring) -> Bool {
        let body = text.utf8.prefix { $0 != UInt8(ascii: "=") }
        guard !body.isEmpty, text.utf8.dropFirst(body.count).allSatisfy({ $0 == UInt8(ascii: "=") }) else {
            return false
        }
        return body.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                true
            default: false
            }
        }
    }
}
