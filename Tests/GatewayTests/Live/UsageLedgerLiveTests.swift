import Gateway
import Store
import TestSupport
import Testing
import Usage
import Versioning

/// What the loops count for the usage ledger, end to end through a real gateway: exact counts per client, version,
/// route and status class, and exactly the changes that altered each exchange.
@Suite struct UsageLedgerLiveTests {
    private static let fingerprinter = TokenFingerprinter(
        key: try! FingerprintKey.fromEnvironment(["VERSIONGATE_FINGERPRINT_KEY": "a ledger test key, 32 bytes long"])
    )

    /// Runs `body` against a two-loop gateway whose upstream speaks v2, and returns what the loops handed over once
    /// it stopped.
    private func counted(_ body: (LiveGateway) throws -> Void) async throws -> UsageBatch {
        let inbox = UsageInbox()
        try await withLiveGateway(threads: 2) { configuration in
            configuration.upstreamVersion = VersionName("v2")
            configuration.usage = UsageRecording(inbox: inbox)
            configuration.tokenFingerprinter = Self.fingerprinter
        } _: { gateway in
            try body(gateway)
        }
        var batch = UsageBatch()
        for counts in inbox.take() { batch.merge(counts.batch) }
        return batch
    }

    private func row(
        _ client: String,
        requested: String?,
        served: String,
        _ method: String,
        _ route: String,
        status: Int
    ) -> RequestUsage {
        let day = UsageDay(containing: Int64(SystemClock.now().secondsSinceEpoch))
        return RequestUsage(
            day: day,
            client: client,
            requestedVersion: requested,
            servedVersion: served,
            method: method,
            route: route,
            statusClass: status / 100
        )
    }

    @Test func everyAnsweredRequestIsCountedOnceUnderItsClientVersionsRouteAndStatusClass() async throws {
        let token = "vg_test_ledger_token_31337"
        let batch = try await self.counted { gateway in
            for _ in 0..<3 {
                let client = try gateway.client()
                let response = try client.request(
                    "GET",
                    "/vendors/ven_1",
                    headers: [("API-Version", "v1"), ("X-Client-ID", "acme")]
                )
                #expect(response.status == 200)
            }
            let bearer = try gateway.client()
            for _ in 0..<2 {
                _ = try bearer.request(
                    "GET",
                    "/purchase-orders/po_1",
                    headers: [("API-Version", "v2"), ("Authorization", "Bearer \(token)")]
                )
            }
            let anonymous = try gateway.client()
            #expect(try anonymous.request("GET", "/status/404").status == 404)
            #expect(try anonymous.request("GET", "/inventory", headers: [("API-Version", "v9")]).status == 400)
            #expect(try anonymous.request("GET", "/_versiongate/health").status == 200)
        }
        let fingerprint = Self.fingerprinter.fingerprint(of: token[...])
        let counts = batch.requests.mapValues(\.count)
        #expect(
            counts == [
                self.row("acme", requested: "v1", served: "v1", "GET", "/vendors/…", status: 200): 3,
                self.row(fingerprint, requested: "v2", served: "v2", "GET", "/purchase-orders/{id}", status: 200): 2,
                self.row("anonymous", requested: nil, served: "v1", "GET", "/status/…", status: 404): 1,
                self.row("anonymous", requested: "unknown", served: "v1", "GET", "/inventory", status: 400): 1,
            ]
        )
        #expect(batch.changes.count == 1)
        #expect(batch.changes.keys.first?.client == "acme")
        #expect(batch.changes.keys.first?.changeID == "vendors-are-suppliers")
        #expect(batch.changes.keys.first?.changeVersion == "v2")
        #expect(batch.changes.values.first?.count == 3)
        #expect(!"\(batch)".contains(token))
    }

    @Test func aTranslatedBodyCountsExactlyTheChangesThatAlteredIt() async throws {
        let batch = try await self.counted { gateway in
            let client = try gateway.client()
            let response = try client.request(
                "GET",
                "/gzip",
                headers: [("API-Version", "v1"), ("X-Client-ID", "lister")]
            )
            #expect(response.status == 200)
        }
        // The upstream's body is {"id":"po_1","created_at":"2026-01-15T09:30:00Z"}: its time is renamed and converted,
        // and nothing else in it is a field any other change names.
        #expect(Set(batch.changes.keys.map(\.changeID)) == ["created-is-created-at", "created-at-is-rfc3339"])
        #expect(batch.changes.values.allSatisfy { $0.count == 1 })
    }

    @Test func aBodyRefusedForItsSizeIsCountedUnderItsVersion() async throws {
        let inbox = UsageInbox()
        try await withLiveGateway { configuration in
            configuration.limits = RequestFramer.Limits(maxBodyBytes: 10)
            configuration.usage = UsageRecording(inbox: inbox)
        } _: { gateway in
            let response = try gateway.client().request(
                "POST",
                "/work-orders",
                headers: [("API-Version", "v2"), ("X-Client-ID", "bulky")],
                body: Array(repeating: UInt8(ascii: "x"), count: 100)
            )
            #expect(response.status == 413)
        }
        var batch = UsageBatch()
        for counts in inbox.take() { batch.merge(counts.batch) }
        #expect(
            batch.requests.mapValues(\.count) == [
                self.row("bulky", requested: "v2", served: "v2", "POST", "/work-orders", status: 413): 1
            ]
        )
    }
}
