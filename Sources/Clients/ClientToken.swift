import Crypto

/// An API token the registry issues, in the style GitHub uses for its tokens: a recognisable prefix that names the
/// environment (`vg_live_`, `vg_test_`), 30 random base62 characters (178 bits from the system's CSPRNG), and a
/// 6-character checksum, so that secret scanners and the gateway tell a mistyped or foreign string from a token
/// without a store lookup: `vg_live_` + 30 + 6 characters, 44 in all.
///
/// The token is a secret: it is printed once when issued and never again. Only its SHA-256 digest
/// (``digest``; right for high-entropy random tokens, which need no salt or stretching) and a short display prefix
/// (``displayPrefix``) are kept. `description` never shows it.
public struct ClientToken: Sendable, Equatable, CustomStringConvertible {
    /// Which upstream a token's requests go to; test and live never reach each other.
    public enum Environment: String, Sendable, CaseIterable {
        case live
        case test

        /// `vg_live_`, `vg_test_`.
        public var prefix: String {
            switch self {
            case .live: "vg_live_"
            case .test: "vg_test_"
            }
        }
    }

    public static let randomLength = 30
    public static let checksumLength = 6
    /// Characters of the random part shown after the prefix in ``displayPrefix``.
    static let displayedLength = 4

    public let environment: Environment
    /// The whole token, as the client sends it.
    public let secret: String

    /// A new token from `generator`, which must be cryptographically secure (the default is the system's).
    public static func generate(
        _ environment: Environment,
        using generator: inout some RandomNumberGenerator
    ) -> ClientToken {
        var random = ""
        while random.count < Self.randomLength {
            // 248 is the largest multiple of 62 that fits a byte: rejecting the rest keeps every character equally likely.
            let byte = UInt8.random(in: 0...255, using: &generator)
            if byte < 248 { random.unicodeScalars.append(UnicodeScalar(Base62.alphabet[Int(byte % 62)])) }
        }
        let body = environment.prefix + random
        return ClientToken(environment: environment, secret: body + Self.checksum(of: body))
    }

    /// A new token from the system's CSPRNG.
    public static func generate(_ environment: Environment) -> ClientToken {
        var generator = SystemRandomNumberGenerator()
        return self.generate(environment, using: &generator)
    }

    /// Reads a token a client sent, checking its form and checksum; no store is asked.
    /// - Throws: ``ClientTokenError``, which never quotes the text.
    public init(parsing text: some StringProtocol) throws(ClientTokenError) {
        let environment = try Self.check(Array(text.utf8))
        self.init(environment: environment, secret: String(text))
    }

    /// Checks the form and checksum of a token's UTF-8 bytes, without building a string: the gateway's check of
    /// every request that presents one.
    /// - Returns: the environment its prefix names.
    /// - Throws: ``ClientTokenError``.
    public static func check(_ bytes: some Collection<UInt8>) throws(ClientTokenError) -> Environment {
        let result =
            bytes.withContiguousStorageIfAvailable(Self.check(contiguous:))
            ?? Array(bytes).withUnsafeBufferPointer(Self.check(contiguous:))
        return try result.get()
    }

    /// ``check(_:)`` on bytes in memory: no allocation.
    private static func check(contiguous bytes: UnsafeBufferPointer<UInt8>) -> Result<Environment, ClientTokenError> {
        guard let environment = Environment.allCases.first(where: { bytes.starts(with: $0.prefix.utf8) }) else {
            return .failure(.notAToken)
        }
        let prefixLength = environment.prefix.utf8.count
        guard bytes.count == prefixLength + Self.randomLength + Self.checksumLength,
            bytes[prefixLength...].allSatisfy(Base62.contains)
        else { return .failure(.malformed) }
        let body = UnsafeBufferPointer(rebasing: bytes[..<(bytes.count - Self.checksumLength)])
        var value = Self.checksumValue(of: UnsafeRawBufferPointer(body))
        // The digits, least significant last, as ``Base62/encode(_:width:)`` writes them.
        for index in stride(from: bytes.count - 1, through: bytes.count - Self.checksumLength, by: -1) {
            guard bytes[index] == Base62.alphabet[Int(value % 62)] else { return .failure(.checksumMismatch) }
            value /= 62
        }
        return .success(environment)
    }

    private init(environment: Environment, secret: String) {
        self.environment = environment
        self.secret = secret
    }

    /// SHA-256 of the token's bytes: what the registry stores and looks tokens up by (32 bytes).
    public var digest: [UInt8] { Array(SHA256.hash(data: Array(self.secret.utf8))) }

    /// The prefix and the first characters of the random part, with an ellipsis: `vg_live_AbC1…`. Not secret.
    public var displayPrefix: String {
        String(self.secret.prefix(self.environment.prefix.count + Self.displayedLength)) + "…"
    }

    /// Never the token: `vg_live_AbC1… (redacted)`.
    public var description: String { "\(self.displayPrefix) (redacted)" }

    /// The first 4 bytes of SHA-256 of the prefix and random part, as 6 base62 characters.
    static func checksum(of body: String) -> String {
        let value = Array(body.utf8).withUnsafeBytes(Self.checksumValue(of:))
        return String(decoding: Base62.encode(value, width: Self.checksumLength), as: UTF8.self)
    }

    /// The first 4 bytes of SHA-256 of `body`, big-endian.
    private static func checksumValue(of body: UnsafeRawBufferPointer) -> UInt64 {
        SHA256.hash(data: body).withUnsafeBytes { hash in
            hash.prefix(4).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
    }
}

/// Why a string is not a token the registry could have issued; never quotes the string.
public enum ClientTokenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// It does not start with `vg_live_` or `vg_test_`.
    case notAToken
    /// Wrong length or characters outside base62.
    case malformed
    /// The checksum does not match: mistyped, cut, or made up.
    case checksumMismatch

    public var description: String {
        switch self {
        case .notAToken: "not a VersionGate token (vg_live_… or vg_test_…)"
        case .malformed: "a malformed token (wrong length or characters)"
        case .checksumMismatch: "a token whose checksum does not match (mistyped or cut)"
        }
    }
}
