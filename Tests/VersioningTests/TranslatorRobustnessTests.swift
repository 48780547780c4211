import Foundation
import TestSupport
import Testing
import Versioning

/// Random bodies built from the manifests' own field names, with values of every type and extreme, translated on
/// every endpoint both ways: a translation never traps and always writes JSON that Foundation reads.
@Suite struct TranslatorRobustnessTests {
    private static let names = [
        "id", "vendor_id", "supplier_id", "total", "currency", "amount", "created", "created_at", "status",
        "quantity_on_hand",
        "on_hand", "full", "mode", "entity", "results", "count", "data", "meta", "per_page", "x",
    ]
    private static let scalars = [
        "null", "true", "false", "0", "-1", "99.50", "-1.5e300", "-9223372036854775808", "9223372036854775807",
        "253402300800",
        "1768469400", #""""#, #""closed""#, #""completed""#, #""cancelled""#, #""full""#, #""incremental""#,
        #""2026-01-15T09:30:00Z""#, #""2026-01-15T11:30:00+02:00""#, #""9999-12-31T23:59:60Z""#, #""\u00e9\n""#,
    ]
    private static let targets = [
        "/purchase-orders", "/purchase-orders/po_1", "/vendors", "/vendors/sup_1", "/suppliers/sup_1", "/work-orders",
        "/work-orders/wo_1", "/inventory/inv_1", "/connections/con_1/sync", "/connections/con_1/syncs", "/",
    ]

    private static func randomBody(depth: Int, using generator: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<(depth > 3 ? 1 : 4), using: &generator) {
        case 0:
            return self.scalars.randomElement(using: &generator)!
        case 1:
            let elements = (0..<Int.random(in: 0..<4, using: &generator)).map { _ in
                randomBody(depth: depth + 1, using: &generator)
            }
            return "[" + elements.joined(separator: ",") + "]"
        default:
            // Distinct names in the order drawn: a Set's order changes with each process's hash seed, and the
            // values drawn after it with it, so the seed would not reproduce a failing case.
            var names: [String] = []
            for _ in 0..<Int.random(in: 0..<6, using: &generator) {
                let name = self.names.randomElement(using: &generator)!
                if !names.contains(name) { names.append(name) }
            }
            return "{"
                + names.map { "\"\($0)\":" + randomBody(depth: depth + 1, using: &generator) }.joined(separator: ",")
                + "}"
        }
    }

    @Test func randomBodiesTranslateToJSONOnEveryEndpointBothWays() throws {
        let translator = Translator(catalog: try VersionCatalog.bundled())
        var generator = SeededGenerator(seed: 2026)
        var failures = 0
        for index in 0..<1_500 {
            // A translator that breaks everywhere would otherwise print 3,000 bodies; ten show the pattern.
            guard failures < 10 else {
                Issue.record("stopped after case \(index - 1): ten cases failed")
                break
            }
            let body = Array(Self.randomBody(depth: 0, using: &generator).utf8)
            let target = Self.targets.randomElement(using: &generator)!
            let method = ["GET", "POST", "PATCH"].randomElement(using: &generator)!
            let (client, upstream) = Bool.random(using: &generator) ? ("v1", "v2") : ("v2", "v1")
            let plan = translator.requestPlan(from: VersionName(client)!, to: VersionName(upstream)!)
            let translation = try translator.translateRequest(method: method, target: target, body: body, plan: plan)
            let response = try translator.translateResponse(body: body, plan: translation.responsePlan) ?? body
            for output in [translation.body ?? body, response]
            where (try? JSONSerialization.jsonObject(with: Data(output), options: .fragmentsAllowed)) == nil {
                failures += 1
                Issue.record(
                    "case \(index): \(method) \(target) \(client)→\(upstream): \(String(decoding: body, as: UTF8.self)) became \(String(decoding: output, as: UTF8.self)), not JSON"
                )
            }
        }
    }
}
