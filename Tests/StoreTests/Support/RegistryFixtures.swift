import Store

/// Clients and events for registry tests.
enum RegistryFixtures {
    /// 2026-11-30T00:00:00Z.
    static let now: Int64 = 1_795_996_800

    /// A SHA-256-sized digest holding `seed` and bytes a text column would mangle (NUL, 0xFF, invalid UTF-8).
    static func digest(_ seed: UInt8) -> [UInt8] {
        [0x00, 0xFF, 0xC3, 0x28, seed] + (0..<27).map { UInt8(truncatingIfNeeded: Int(seed) * 31 + $0 * 7) }
    }

    static func client(
        id: String = "cl_7f3k2m9q4x1z",
        name: String = "acme",
        environment: String = "live",
        seed: UInt8 = 1
    ) -> RegisteredClient {
        RegisteredClient(
            id: id,
            name: name,
            environment: environment,
            createdAt: Self.now,
            tokenDigest: Self.digest(seed),
            tokenPrefix: "vg_\(environment)_AbC\(seed)"
        )
    }

    static func event(for client: RegisteredClient, action: String = "create", at offset: Int64 = 0) -> ClientEvent {
        ClientEvent(clientID: client.id, at: Self.now + offset, actor: "ops", action: action, detail: "\(action)d")
    }
}
