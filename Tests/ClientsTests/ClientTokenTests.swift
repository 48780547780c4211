import Clients
import TestSupport
import Testing

/// Tokens: their form, their checksum (which rejects mistyped and foreign strings without a store), their digest,
/// and that they never show themselves.
@Suite struct ClientTokenTests {
    @Test(arguments: ClientToken.Environment.allCases)
    func aTokenIsItsPrefixThirtyRandomCharactersAndAChecksum(environment: ClientToken.Environment) throws {
        let token = ClientToken.generate(environment)
        #expect(token.secret.hasPrefix("vg_\(environment.rawValue)_"))
        #expect(token.secret.count == 44)
        #expect(token.secret.dropFirst(8).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(try ClientToken(parsing: token.secret) == token)
    }

    @Test func generatedTokensDoNotRepeat() {
        let tokens = Set((0..<10_000).map { _ in ClientToken.generate(.live).secret })
        #expect(tokens.count == 10_000)
    }

    @Test func everySingleCharacterTypoIsCaughtByTheChecksum() throws {
        var generator = SeededGenerator(seed: 7)
        let token = ClientToken.generate(.test, using: &generator).secret
        var caught = 0
        var typos = 0
        for index in token.indices.dropFirst(8) {
            for replacement in ["0", "Z", "z"] where String(token[index]) != replacement {
                var typo = token
                typo.replaceSubrange(index...index, with: replacement)
                typos += 1
                if (try? ClientToken(parsing: typo)) == nil { caught += 1 }
            }
        }
        #expect(caught == typos)
    }

    @Test(arguments: [
        ("", ClientTokenError.notAToken),
        ("ghp_16C7e42F292c6912E7710c838347Ae178B4a", .notAToken),
        ("vg_live_", .malformed),
        ("vg_live_abc", .malformed),
        ("vg_live_" + String(repeating: "a", count: 35) + "-", .malformed),
        ("vg_live_" + String(repeating: "a", count: 36), .checksumMismatch),
    ])
    func foreignAndMalformedStringsAreRefusedWithoutQuotingThem(text: String, error: ClientTokenError) {
        #expect(throws: error) { try ClientToken(parsing: text) }
        #expect(!error.description.contains("aaaa"))
    }

    @Test func aLiveTokenSentAsATestOneFailsItsChecksum() throws {
        let live = ClientToken.generate(.live).secret
        let relabelled = "vg_test_" + live.dropFirst(8)
        #expect(throws: ClientTokenError.checksumMismatch) { try ClientToken(parsing: relabelled) }
    }

    @Test func theDigestIsSHA256OfTheTokenAndTheDisplayPrefixShowsFourCharacters() throws {
        let token = try ClientToken(parsing: ClientToken.generate(.live).secret)
        #expect(token.digest.count == 32)
        #expect(token.digest == (try ClientToken(parsing: token.secret)).digest)
        #expect(token.displayPrefix == String(token.secret.prefix(12)) + "…")
        #expect(!token.description.contains(token.secret))
        #expect(!"\(token)".contains(token.secret.suffix(20)))
    }
}
