import Store
import Testing

/// What every ``ClientRegistry`` must do, checked the same way against SQLite and PostgreSQL.
enum RegistryContract {
    /// Every check, each on the registry as it is left by the one before (clients kept apart by id and name).
    static func all(_ registry: any ClientRegistry) async throws {
        try await Self.createdClientsAreListedByNameAndFoundById(registry)
        try await Self.updatesReplaceTheClientAndAppendEvents(registry)
        try await Self.duplicateNameOrIdIsRefusedWithNothingWritten(registry)
        try await Self.updateOfAnUnknownIdOrToATakenNameIsRefused(registry)
        try await Self.malformedInputIsRefused(registry)
        try await Self.aChangeReadBeforeAnotherIsRefusedAsStale(registry)
        try await Self.usesMoveLastUsedForwardWithoutChangingTheClient(registry)
    }

    /// Recorded uses set `lastUsedAt` and only move it forward; they add no event, no revision, no generation, and
    /// a later change of the client keeps them.
    static func usesMoveLastUsedForwardWithoutChangingTheClient(_ registry: any ClientRegistry) async throws {
        var client = RegistryFixtures.client(id: "cl_used", name: "used", seed: 80)
        try await registry.create(client, event: RegistryFixtures.event(for: client))
        let generation = try await registry.generation()
        try await registry.recordUse([client.id: RegistryFixtures.now + 50, "cl_nobody": RegistryFixtures.now])
        try await registry.recordUse([client.id: RegistryFixtures.now + 10])
        let used = try #require(try await registry.client(id: client.id))
        #expect(used.lastUsedAt == RegistryFixtures.now + 50)
        #expect(used.revision == client.revision)
        #expect(try await registry.generation() == generation)
        #expect(try await registry.events(clientID: client.id).count == 1)
        client.pin = "v2"
        try await registry.update(client, event: RegistryFixtures.event(for: client, action: "pin", at: 1))
        #expect(try await registry.client(id: client.id)?.lastUsedAt == RegistryFixtures.now + 50)
    }

    /// Waiting for a change returns at once when the generation already moved, at the timeout when nothing is
    /// written, and soon after another registry on the same database writes.
    static func aWaiterWakesOnAnotherRegistrysWrite(
        _ first: any ClientRegistry,
        _ second: any ClientRegistry
    )
        async throws
    {
        let start = try await first.generation()
        let clock = ContinuousClock()
        var unchanged: Int64 = -1
        let idle = try await clock.measure {
            unchanged = try await first.generation(changedFrom: start, waitingAtMost: .milliseconds(300))
        }
        #expect(unchanged == start)
        #expect(idle >= .milliseconds(290))
        #expect(try await first.generation(changedFrom: start - 1, waitingAtMost: .seconds(30)) == start)
        let client = RegistryFixtures.client(id: "cl_wake", name: "wake", seed: 90)
        async let woken = first.generation(changedFrom: start, waitingAtMost: .seconds(30))
        try await Task.sleep(for: .milliseconds(200))
        try await second.create(client, event: RegistryFixtures.event(for: client))
        #expect(try await woken > start)
    }

    /// Two changes read at the same revision: the second is refused as stale, and the first holds (a revoke is
    /// never undone by a pin made at the same time).
    static func aChangeReadBeforeAnotherIsRefusedAsStale(_ registry: any ClientRegistry) async throws {
        let client = RegistryFixtures.client(id: "cl_race", name: "race", seed: 70)
        try await registry.create(client, event: RegistryFixtures.event(for: client))
        var revoked = client
        revoked.revokedAt = RegistryFixtures.now + 1
        var pinned = client
        pinned.pin = "v2"
        try await registry.update(revoked, event: RegistryFixtures.event(for: revoked, action: "revoke", at: 1))
        let before = try await registry.generation()
        do {
            try await registry.update(pinned, event: RegistryFixtures.event(for: pinned, action: "pin", at: 2))
            Issue.record("a change read before the revoke was written over it")
        } catch {
            #expect(error.isStale)
        }
        #expect(try await registry.client(id: client.id)?.revokedAt == revoked.revokedAt)
        #expect(try await registry.client(id: client.id)?.revision == 1)
        #expect(try await registry.events(clientID: client.id).map(\.action) == ["create", "revoke"])
        #expect(try await registry.generation() == before)
    }

    static func createdClientsAreListedByNameAndFoundById(_ registry: any ClientRegistry) async throws {
        let zeta = RegistryFixtures.client(id: "cl_zeta", name: "zeta", environment: "test", seed: 10)
        var beta = RegistryFixtures.client(id: "cl_beta", name: "beta", seed: 11)
        beta.pin = "v1"
        beta.revokedAt = RegistryFixtures.now + 5
        beta.previousTokenDigest = RegistryFixtures.digest(12)
        beta.previousTokenExpiresAt = RegistryFixtures.now + 86_400
        beta.lastUsedAt = RegistryFixtures.now + 3
        try await registry.create(zeta, event: RegistryFixtures.event(for: zeta))
        try await registry.create(beta, event: RegistryFixtures.event(for: beta))
        let listed = try await registry.clients().filter { [zeta.id, beta.id].contains($0.id) }
        #expect(listed == [beta, zeta])
        #expect(try await registry.client(id: beta.id) == beta)
        #expect(try await registry.client(id: zeta.id) == zeta)
        #expect(try await registry.client(id: "cl_nobody") == nil)
        #expect(try await registry.events(clientID: zeta.id) == [RegistryFixtures.event(for: zeta)])
        #expect(try await registry.events(clientID: "cl_nobody") == [])
    }

    static func updatesReplaceTheClientAndAppendEvents(_ registry: any ClientRegistry) async throws {
        var client = RegistryFixtures.client(id: "cl_upd", name: "updated", seed: 20)
        let created = RegistryFixtures.event(for: client)
        try await registry.create(client, event: created)
        let before = try await registry.generation()
        client.pin = "v2"
        let pinned = ClientEvent(
            clientID: client.id,
            at: RegistryFixtures.now + 1,
            actor: "ops",
            action: "pin",
            detail: "pinned to v2"
        )
        try await registry.update(client, event: pinned)
        client.revision += 1
        #expect(try await registry.generation() > before)
        let afterPin = try await registry.generation()
        client.previousTokenDigest = client.tokenDigest
        client.previousTokenExpiresAt = RegistryFixtures.now + 86_400
        client.tokenDigest = RegistryFixtures.digest(21)
        client.tokenPrefix = "vg_live_XyZ9"
        let rotated = RegistryFixtures.event(for: client, action: "rotate", at: 2)
        try await registry.update(client, event: rotated)
        client.revision += 1
        #expect(try await registry.generation() > afterPin)
        #expect(try await registry.client(id: client.id) == client)
        #expect(try await registry.events(clientID: client.id) == [created, pinned, rotated])
    }

    static func duplicateNameOrIdIsRefusedWithNothingWritten(_ registry: any ClientRegistry) async throws {
        let original = RegistryFixtures.client(id: "cl_dup", name: "duplicated", seed: 30)
        try await registry.create(original, event: RegistryFixtures.event(for: original))
        let before = try await registry.clients()
        let generation = try await registry.generation()

        let sameName = RegistryFixtures.client(id: "cl_dup2", name: "duplicated", seed: 31)
        let nameError = await #expect(throws: StoreError.self) {
            try await registry.create(sameName, event: RegistryFixtures.event(for: sameName))
        }
        #expect(
            nameError?.description == "a client named 'duplicated' exists already (names are unique regardless of case)"
        )
        #expect(try await registry.events(clientID: sameName.id) == [])
        // Names differing only in case, or in Unicode form (é composed, e + U+0301), are the same name.
        for (index, lookalike) in ["Duplicated", "DUPLICATED"].enumerated() {
            let folded = RegistryFixtures.client(id: "cl_dup_case\(index)", name: lookalike, seed: 33 + UInt8(index))
            await #expect(throws: StoreError.self) {
                try await registry.create(folded, event: RegistryFixtures.event(for: folded))
            }
        }
        let composed = RegistryFixtures.client(id: "cl_cafe1", name: "caf\u{E9}", seed: 36)
        try await registry.create(composed, event: RegistryFixtures.event(for: composed))
        let decomposed = RegistryFixtures.client(id: "cl_cafe2", name: "Cafe\u{301}", seed: 37)
        await #expect(throws: StoreError.self) {
            try await registry.create(decomposed, event: RegistryFixtures.event(for: decomposed))
        }

        let sameID = RegistryFixtures.client(id: "cl_dup", name: "other-name", seed: 32)
        let idError = await #expect(throws: StoreError.self) {
            try await registry.create(sameID, event: RegistryFixtures.event(for: sameID, at: 9))
        }
        #expect(idError?.description == "a client with the id 'cl_dup' exists already")

        let sameToken = RegistryFixtures.client(id: "cl_dup3", name: "same-token", seed: 30)
        let tokenError = await #expect(throws: StoreError.self) {
            try await registry.create(sameToken, event: RegistryFixtures.event(for: sameToken))
        }
        #expect(tokenError?.description == "another client has this token already: issue a new one")

        #expect(Set(try await registry.clients().map(\.id)) == Set(before.map(\.id) + [composed.id]))
        #expect(try await registry.events(clientID: original.id) == [RegistryFixtures.event(for: original)])
        #expect(try await registry.generation() == generation + 1)
    }

    static func updateOfAnUnknownIdOrToATakenNameIsRefused(_ registry: any ClientRegistry) async throws {
        let taken = RegistryFixtures.client(id: "cl_taken", name: "taken", seed: 40)
        var renamed = RegistryFixtures.client(id: "cl_renamed", name: "renamed", seed: 41)
        try await registry.create(taken, event: RegistryFixtures.event(for: taken))
        try await registry.create(renamed, event: RegistryFixtures.event(for: renamed))
        let generation = try await registry.generation()

        let missing = RegistryFixtures.client(id: "cl_missing", name: "missing", seed: 42)
        let unknownError = await #expect(throws: StoreError.self) {
            try await registry.update(missing, event: RegistryFixtures.event(for: missing, action: "revoke"))
        }
        #expect(unknownError?.description == "no client has the id 'cl_missing'")
        #expect(try await registry.events(clientID: missing.id) == [])
        #expect(try await registry.client(id: missing.id) == nil)

        let original = renamed
        renamed.name = "taken"
        let nameError = await #expect(throws: StoreError.self) {
            try await registry.update(renamed, event: RegistryFixtures.event(for: renamed, action: "rename"))
        }
        #expect(nameError?.description == "a client named 'taken' exists already (names are unique regardless of case)")
        #expect(try await registry.client(id: renamed.id) == original)
        #expect(try await registry.events(clientID: renamed.id) == [RegistryFixtures.event(for: original)])
        #expect(try await registry.generation() == generation)
    }

    static func malformedInputIsRefused(_ registry: any ClientRegistry) async throws {
        var short = RegistryFixtures.client(id: "cl_short", name: "short", seed: 50)
        short.tokenDigest.removeLast()
        let digestError = await #expect(throws: StoreError.self) {
            try await registry.create(short, event: RegistryFixtures.event(for: short))
        }
        #expect(digestError?.description == "a client's token digest must be 32 bytes (SHA-256), not 31")
        let client = RegistryFixtures.client(id: "cl_other", name: "other", seed: 51)
        let eventError = await #expect(throws: StoreError.self) {
            try await registry.create(client, event: RegistryFixtures.event(for: short))
        }
        #expect(eventError?.description == "the event is about the client 'cl_short', not 'cl_other'")
        #expect(try await registry.client(id: short.id) == nil)
        #expect(try await registry.client(id: client.id) == nil)
    }

    /// A fresh registry counts 0; every write, by this registry or another one on the same database, counts more.
    static func generationGrowsWithEveryWrite(_ first: any ClientRegistry, _ second: any ClientRegistry) async throws {
        #expect(try await first.generation() == 0)
        var client = RegistryFixtures.client(id: "cl_gen", name: "generation", seed: 60)
        var seen = [try await first.generation()]
        try await first.create(client, event: RegistryFixtures.event(for: client))
        seen.append(try await second.generation())
        for round in 1...3 {
            client.pin = "v\(round)"
            let writer = round.isMultiple(of: 2) ? first : second
            try await writer.update(client, event: RegistryFixtures.event(for: client, action: "pin", at: Int64(round)))
            client.revision += 1
            seen.append(try await first.generation())
            #expect(try await second.client(id: client.id)?.pin == "v\(round)")
        }
        #expect(seen == seen.sorted() && Set(seen).count == seen.count)
        #expect(try await second.events(clientID: client.id).map(\.action) == ["create", "pin", "pin", "pin"])
    }
}
