import Crypto
import Foundation

/// The secret that keys token fingerprints: at least 16 bytes, from `VERSIONGATE_FINGERPRINT_KEY` (its UTF-8
/// bytes), else from the file named by `VERSIONGATE_FINGERPRINT_KEY_FILE` (its bytes, one trailing newline
/// dropped), else random for this process only (fingerprints then differ between gateways and restarts: the
/// caller warns).
public struct FingerprintKey: Sendable {
    /// Fewest bytes a configured key may have.
    public static let shortest = 16

    let bytes: [UInt8]
    /// Whether the key is this process's own random one.
    public let isEphemeral: Bool

    init(bytes: [UInt8], isEphemeral: Bool) {
        self.bytes = bytes
        self.isEphemeral = isEphemeral
    }

    /// A random 32-byte key for this process (system CSPRNG).
    public static func ephemeral() -> FingerprintKey {
        FingerprintKey(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }, isEphemeral: true)
    }

    /// The key the environment configures, or an ephemeral one.
    /// - Throws: ``FingerprintKeyError`` when both variables are set, the file cannot be read, or the key is
    ///   shorter than ``shortest`` bytes. The message never contains the key.
    public static func fromEnvironment(_ environment: [String: String]) throws(FingerprintKeyError) -> FingerprintKey {
        let inline = environment["VERSIONGATE_FINGERPRINT_KEY"]
        let file = environment["VERSIONGATE_FINGERPRINT_KEY_FILE"]
        let bytes: [UInt8]
        switch (inline, file) {
        case (.some, .some):
            throw FingerprintKeyError(
                description: "set VERSIONGATE_FINGERPRINT_KEY or VERSIONGATE_FINGERPRINT_KEY_FILE, not both"
            )
        case (let key?, nil):
            bytes = Array(key.utf8)
        case (nil, let path?):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw FingerprintKeyError(
                    description: "cannot read the fingerprint key file \(path) (VERSIONGATE_FINGERPRINT_KEY_FILE)"
                )
            }
            var contents = Array(data)
            if contents.last == UInt8(ascii: "\n") { contents.removeLast() }
            if contents.last == UInt8(ascii: "\r") { contents.removeLast() }
            bytes = contents
        case (nil, nil):
            return .ephemeral()
        }
        guard bytes.count >= Self.shortest else {
            throw FingerprintKeyError(
                description: "the fingerprint key must have at least \(Self.shortest) bytes (it has \(bytes.count))"
            )
        }
        return FingerprintKey(bytes: bytes, isEphemeral: false)
    }
}

/// Why the configured fingerprint key cannot be used, in one line.
public struct FingerprintKeyError: Error, Sendable, CustomStringConvertible {
    public let description: String
}
