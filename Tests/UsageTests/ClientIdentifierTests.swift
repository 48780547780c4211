import Testing
import Usage

/// A request's client: registry, then bearer fingerprint, then client-id header, then anonymous.
@Suite struct ClientIdentifierTests {
    private let fingerprinter = TokenFingerprinter(
        key: try! FingerprintKey.fromEnvironment(["VERSIONGATE_FINGERPRINT_KEY": "0123456789abcdef0123456789abcdef"])
    )

    @Test func aBearerTokenIsNamedByItsKeyedFingerprint() {
        var identifier = ClientIdentifier(fingerprinter: self.fingerprinter)
        let client = identifier.client(authorization: "Bearer vg_live_s3cr3t", clientID: "acme")
        #expect(client.hasPrefix("fp_"))
        #expect(client.utf8.count == 11)
        #expect(!client.contains("s3cr3t"))
        #expect(identifier.client(authorization: "bearer   vg_live_s3cr3t", clientID: nil) == client)
        #expect(identifier.client(authorization: "Bearer vg_live_other", clientID: nil) != client)
    }

    @Test func theFingerprintDependsOnTheKey() throws {
        let other = TokenFingerprinter(
            key: try FingerprintKey.fromEnvironment(["VERSIONGATE_FINGERPRINT_KEY": "fedcba9876543210fedcba9876543210"])
        )
        #expect(self.fingerprinter.fingerprint(of: "tok") != other.fingerprint(of: "tok"))
        #expect(self.fingerprinter.fingerprint(of: "tok") == self.fingerprinter.fingerprint(of: "tok"))
    }

    /// Computed independently: `printf 'token' | openssl dgst -sha256 -hmac 'sixteen byte key'` → `6663a7a5…`.
    @Test func theFingerprintIsTheHMACSHA256sFirstFourBytes() throws {
        let key = try FingerprintKey.fromEnvironment(["VERSIONGATE_FINGERPRINT_KEY": "sixteen byte key"])
        #expect(TokenFingerprinter(key: key).fingerprint(of: "token") == "fp_6663a7a5")
    }

    @Test func withoutATokenTheClientIDHeaderNamesTheClient() {
        var identifier = ClientIdentifier(fingerprinter: self.fingerprinter)
        #expect(identifier.client(authorization: nil, clientID: "acme-erp") == "acme-erp")
        #expect(identifier.client(authorization: "Basic dXNlcjpwYXNz", clientID: "acme") == "acme")
        #expect(identifier.client(authorization: "Bearer", clientID: "acme") == "acme")
        #expect(identifier.client(authorization: "Bearer bad token", clientID: "acme") == "acme")
    }

    @Test(arguments: [nil, "", "<script>", String(repeating: "a", count: 65), "a b", "anonymous", "ü", "fp_ee7a826c"])
    func otherwiseTheClientIsAnonymous(clientID: String?) {
        var identifier = ClientIdentifier(fingerprinter: self.fingerprinter)
        #expect(identifier.client(authorization: nil, clientID: clientID) == "anonymous")
    }
}
