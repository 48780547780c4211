import Testing
import Versioning

/// The verbs v2 does not use, walked both ways through a small catalog: v1 current, v2 declaring one change.
@Suite struct ChangeVerbTests {
    private func translator(_ change: String) throws -> Translator {
        let v1 = try ManifestDecoder.decode(
            "version: v1\nstatus: current\nreleased: 2025-01-01\nsuccessor: v2\n",
            file: "v1.yaml"
        )
        let v2 = try ManifestDecoder.decode(
            "version: v2\nstatus: draft\nprevious: v1\nchanges:\n  - {id: c, summary: S, breaking: true, \(change)}\n",
            file: "v2.yaml"
        )
        return Translator(catalog: try VersionCatalog([v1, v2]))
    }

    /// The request body as the newer version gets it, and a newer response body as the older client gets it.
    private func walk(_ change: String, request: String, response: String) throws -> (up: String, down: String) {
        let translator = try self.translator(change)
        let plan = translator.requestPlan(from: VersionName("v1")!, to: VersionName("v2")!)
        let translation = try translator.translateRequest(
            method: "POST",
            target: "/things",
            body: Array(request.utf8),
            plan: plan
        )
        let down = try translator.translateResponse(body: Array(response.utf8), plan: translation.responsePlan)
        return (String(decoding: translation.body ?? [], as: UTF8.self), String(decoding: down ?? [], as: UTF8.self))
    }

    @Test func addFieldFillsOlderRequestsAndHidesTheFieldFromOlderClients() throws {
        let (up, down) = try self.walk(
            "add-field: {field: priority, default: normal}",
            request: #"{"title":"t"}"#,
            response: #"{"title":"t","priority":"high"}"#
        )
        #expect(up == #"{"title":"t","priority":"normal"}"#)
        #expect(down == #"{"title":"t"}"#)
    }

    @Test func addFieldKeepsAValueTheClientSent() throws {
        let (up, _) = try self.walk(
            "add-field: {field: priority, default: normal}",
            request: #"{"priority":"low"}"#,
            response: "{}"
        )
        #expect(up == #"{"priority":"low"}"#)
    }

    @Test func removeFieldDropsItUpstreamAndRestoresItsDefaultForOlderClients() throws {
        let (up, down) = try self.walk(
            "remove-field: {field: legacy_code, default: null}",
            request: #"{"title":"t","legacy_code":"X"}"#,
            response: #"{"title":"t"}"#
        )
        #expect(up == #"{"title":"t"}"#)
        #expect(down == #"{"title":"t","legacy_code":null}"#)
    }

    @Test func renameFieldMovesAcrossObjects() throws {
        let (up, down) = try self.walk(
            "rename-field: {from: created, to: meta.created_at}",
            request: #"{"id":1,"created":5}"#,
            response: #"{"id":1,"meta":{"created_at":6}}"#
        )
        #expect(up == #"{"id":1,"meta":{"created_at":5}}"#)
        #expect(down == #"{"id":1,"created":6}"#)
    }

    @Test func pathsReachIntoNestedArrays() throws {
        let (up, down) = try self.walk(
            "rename-field: {from: lines.qty, to: lines.quantity}",
            request: #"{"lines":[{"qty":1},{"qty":2,"sku":"a"}]}"#,
            response: #"{"lines":[{"quantity":3}]}"#
        )
        #expect(up == #"{"lines":[{"quantity":1},{"quantity":2,"sku":"a"}]}"#)
        #expect(down == #"{"lines":[{"qty":3}]}"#)
    }

    @Test func convertFormatLeavesValuesItCannotReadAlone() throws {
        let (up, down) = try self.walk(
            "convert-format: {field: at, from: unix-seconds, to: rfc3339}",
            request: #"{"at":"soon"}"#,
            response: #"{"at":"2026-01-01T00:00:00Z"}"#
        )
        #expect(up == #"{"at":"soon"}"#)
        #expect(down == #"{"at":1767225600}"#)
    }

    @Test func unmappedValuesPassUnchanged() throws {
        let (up, down) = try self.walk(
            "map-values: {field: state, forward: {a: b}, backward: {b: a}}",
            request: #"{"state":"z"}"#,
            response: #"{"state":"b"}"#
        )
        #expect(up == #"{"state":"z"}"#)
        #expect(down == #"{"state":"a"}"#)
    }
}

@Suite struct RenameHeaderTests {
    @Test func headersAreRenamedOnTheWayUpAndBackInScope() throws {
        let v1 = try ManifestDecoder.decode(
            "version: v1\nstatus: current\nreleased: 2025-01-01\nsuccessor: v2\n",
            file: "v1.yaml"
        )
        let v2 = try ManifestDecoder.decode(
            "version: v2\nstatus: draft\nprevious: v1\nchanges:\n"
                + "  - {id: h, summary: S, breaking: true, endpoints: [/things], rename-header: {from: X-Vendor-Region, to: X-Supplier-Region}}\n",
            file: "v2.yaml"
        )
        let translator = Translator(catalog: try VersionCatalog([v1, v2]))
        let plan = translator.requestPlan(from: VersionName("v1")!, to: VersionName("v2")!)
        let inScope = try translator.translateRequest(method: "GET", target: "/things", body: nil, plan: plan)
        let change = ChangeReference(version: VersionName("v2")!, id: "h")
        #expect(
            inScope.headerRenames == [HeaderRename(from: "X-Vendor-Region", to: "X-Supplier-Region", change: change)]
        )
        #expect(inScope.headerRenames[0].apply(to: "x-vendor-region") == "X-Supplier-Region")
        #expect(
            inScope.responsePlan.headerRenames == [
                HeaderRename(from: "X-Supplier-Region", to: "X-Vendor-Region", change: change)
            ]
        )
        let outOfScope = try translator.translateRequest(method: "GET", target: "/other", body: nil, plan: plan)
        #expect(outOfScope.headerRenames.isEmpty)
    }

    @Test func aHeaderNameMustBeAToken() {
        #expect(throws: ManifestError.self) {
            try ManifestDecoder.decode(
                "version: v2\nstatus: draft\nprevious: v1\nchanges:\n  - {id: h, summary: S, breaking: true, rename-header: {from: 'A B', to: C}}\n",
                file: "v2.yaml"
            )
        }
    }
}
