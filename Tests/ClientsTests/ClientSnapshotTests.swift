import Clients
import Store
import Testing
import Versioning

/// The snapshot a gateway loop checks tokens against: current, rotated-out, revoked and unknown tokens, and the
/// environment a token's prefix names.
@Suite struct ClientSnapshotTests {
    private static let now: Int64 = 1_780_000_000

    private static func registered(
        _ id: String,
        token: ClientToken,
        pin: String? = nil,
        revokedAt: Int64? = nil,
        previous: (ClientToken, expiresAt: Int64)? = nil
    ) -> RegisteredClient {
        RegisteredClient(
            id: id,
            name: "name-\(id)",
            environment: token.environment.rawValue,
            pin: pin,
            createdAt: Self.now - 100,
            revokedAt: revokedAt,
            tokenDigest: token.digest,
            tokenPrefix: token.displayPrefix,
            previousTokenDigest: previous?.0.digest,
            previousTokenExpiresAt: previous?.expiresAt
        )
    }

    @Test func aCurrentTokenNamesItsClientWithItsEnvironmentAndPin() {
        let live = ClientToken.generate(.live)
        let test = ClientToken.generate(.test)
        let snapshot = ClientSnapshot(
            clients: [Self.registered("cl_a", token: live, pin: "v1"), Self.registered("cl_b", token: test)],
            generation: 3
        )
        #expect(
            snapshot.authenticate(live.secret[...], now: Self.now)
                == .success(.init(id: "cl_a", name: "name-cl_a", environment: .live, pin: VersionName("v1")))
        )
        #expect(
            snapshot.authenticate(test.secret[...], now: Self.now)
                == .success(.init(id: "cl_b", name: "name-cl_b", environment: .test))
        )
        #expect(snapshot.generation == 3)
        #expect(snapshot.count == 2)
    }

    @Test func aRotatedOutTokenWorksUntilItsGraceEndsAndNotAfter() {
        let (old, new) = (ClientToken.generate(.live), ClientToken.generate(.live))
        let snapshot = ClientSnapshot(
            clients: [Self.registered("cl_a", token: new, previous: (old, Self.now + 60))],
            generation: 1
        )
        #expect((try? snapshot.authenticate(old.secret[...], now: Self.now).get())?.id == "cl_a")
        #expect(snapshot.authenticate(old.secret[...], now: Self.now + 60) == .failure(.expired))
        #expect((try? snapshot.authenticate(new.secret[...], now: Self.now + 60).get())?.id == "cl_a")
    }

    @Test func bothTokensOfARevokedClientAreRefusedAsRevoked() {
        let (old, new) = (ClientToken.generate(.live), ClientToken.generate(.live))
        let snapshot = ClientSnapshot(
            clients: [Self.registered("cl_a", token: new, revokedAt: Self.now - 1, previous: (old, Self.now + 60))],
            generation: 1
        )
        #expect(snapshot.authenticate(new.secret[...], now: Self.now) == .failure(.revoked))
        #expect(snapshot.authenticate(old.secret[...], now: Self.now) == .failure(.revoked))
    }

    @Test func aWellFormedTokenNoClientHasIsUnknown() {
        let snapshot = ClientSnapshot(
            clients: [Self.registered("cl_a", token: ClientToken.generate(.live))],
            generation: 1
        )
        #expect(snapshot.authenticate(ClientToken.generate(.live).secret[...], now: Self.now) == .failure(.unknown))
        #expect(
            ClientSnapshot.empty.authenticate(ClientToken.generate(.test).secret[...], now: 0) == .failure(.unknown)
        )
    }

    @Test func malformedTokensAreRefusedWithoutALookupAndTheMessageNeverQuotesThem() {
        let token = ClientToken.generate(.live).secret
        let cases: [(String, ClientTokenError)] = [
            ("sk_live_abc", .notAToken), (String(token.dropLast()), .malformed),
            (String(token.dropLast()) + (token.last == "A" ? "B" : "A"), .checksumMismatch),
        ]
        for (text, error) in cases {
            let result = ClientSnapshot.empty.authenticate(text[...], now: Self.now)
            #expect(result == .failure(.malformed(error)))
            if case .failure(let failure) = result { #expect(!failure.description.contains(text)) }
        }
    }

    @Test func aLiveDigestPresentedUnderTheTestPrefixIsUnknown() {
        // A registry row whose environment disagrees with its token's prefix (edited by hand) authenticates nothing.
        let token = ClientToken.generate(.test)
        var stored = Self.registered("cl_a", token: token)
        stored.environment = "live"
        let snapshot = ClientSnapshot(clients: [stored], generation: 1)
        #expect(snapshot.authenticate(token.secret[...], now: Self.now) == .failure(.unknown))
    }
}
