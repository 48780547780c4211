import Foundation
import Store
import TestSupport
import Testing

/// `serve --auth` with gateways sharing a PostgreSQL registry: a change made by one `clients` command reaches every
/// gateway through LISTEN/NOTIFY. The time limit only guards against a hang; every wait is bounded.
@Suite(
    .enabled(if: TestPostgres.isConfigured, "set VERSIONGATE_TEST_POSTGRES_URL to run them"),
    .timeLimit(.minutes(2))
)
struct PostgresAuthEndToEndTests {
    /// Proves revocation at once across gateways: once `clients revoke` returns, both gateways sharing the
    /// database refuse the token within a second.
    @Test func aRevokeReachesEveryGatewayWithinASecond() async throws {
        try await TestPostgres.withFreshDatabase { endpoint in
            let upstream = try await EchoUpstream.start()
            let registry = RegisteredClients(store: endpoint.description, directory: try TemporaryDirectory.make())
            let (id, token) = try registry.create("acme")
            let gateways = try (0..<2).map { _ in try registry.gateway(upstream: upstream.url, ["--auth", "required"]) }
            let ports = gateways.map(\.port)
            #expect(try answers(200, to: token, on: ports, within: 1))
            let rotated = try registry.rotate(id, grace: "1h")
            #expect(try answers(200, to: rotated, on: ports, within: 1))
            try registry.run(["revoke", id])
            #expect(try answers(401, to: token, on: ports, within: 1))
            #expect(try answers(401, to: rotated, on: ports, within: 1))
            for gateway in gateways {
                #expect(gateway.stop() == 0)
                #expect(!gateway.remainingOutput().contains(token))
            }
            try await upstream.stop()
        }
    }
}
