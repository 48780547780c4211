import TestSupport
import Testing

@testable import Versioning

/// The single pass over each item's members gives exactly what applying the rewrites one after another gives:
/// the same bytes and the same changes reported as altering, for generated lists and generated sequences of
/// renames (chained, swapped), conversions, mappings, unwraps, fills and removals.
@Suite struct SinglePassRewriteTests {
    private static func path(_ text: String) -> FieldPath { FieldPath(text)! }

    /// The verbs sequences are drawn from, read either way: they share names, so that they chain and collide.
    private static let verbs: [ChangeVerb] = [
        .renameField(older: path("a"), newer: path("b")),
        .renameField(older: path("b"), newer: path("c")),
        .renameField(older: path("c"), newer: path("a")),
        .renameField(older: path("t"), newer: path("when")),
        .convertFormat(field: path("when"), older: .unixSeconds, newer: .rfc3339),
        .convertFormat(field: path("t"), older: .unixSeconds, newer: .rfc3339),
        .mapValues(
            field: path("s"),
            forward: [ValueMapping(from: .string("closed"), to: .string("done"))],
            backward: [ValueMapping(from: .string("done"), to: .string("closed"))]
        ),
        .wrapFields(
            into: path("m"),
            members: [WrappedMember(olderField: "m", member: "amount"), WrappedMember(olderField: "k", member: "unit")]
        ),
        .addField(field: path("f"), defaultValue: .number("0")),
        .removeField(field: path("a"), defaultValue: .string("x")),
        .renameField(older: path("f"), newer: path("g")),
    ]

    private static let names = ["a", "b", "c", "t", "when", "s", "m", "k", "f", "g", "id", "amount", "unit"]
    private static let values = [
        #""done""#, #""closed""#, "1700000000", #""2024-01-02T03:04:05Z""#, "null", "[1,2]",
        #"{"amount":"9.50","unit":"EUR"}"#, #"{"unit":"USD"}"#, #"{"amount":1,"other":2}"#, "{}",
    ]

    private static func list(_ generator: inout SeededGenerator) -> [UInt8] {
        let items = (0..<Int.random(in: 0...5, using: &generator)).map { _ in
            let count = Int.random(in: 0...6, using: &generator)
            let chosen = Set((0..<count).map { _ in Self.names.randomElement(using: &generator)! })
            let members = chosen.sorted().shuffled(using: &generator).map { name in
                #""\#(name)":\#(Self.values.randomElement(using: &generator)!)"#
            }
            return "{" + members.joined(separator: ",") + "}"
        }
        return Array(("[" + items.joined(separator: ",") + "]").utf8)
    }

    /// The list after `rewrites` one after another on each item, and which altered something.
    private static func stepByStep(_ list: [UInt8], _ rewrites: [(any ResourceRewrite)?]) throws -> ([UInt8], [Bool]) {
        var document = try JSONParser.parse(list)
        var altered = [Bool](repeating: false, count: rewrites.count)
        guard case .array(let items) = document.root else { return (document.bytes, altered) }
        for index in items.indices {
            for position in rewrites.indices
            where rewrites[position]?.apply(to: &document, at: .element(index)) ?? false {
                altered[position] = true
            }
        }
        return (document.bytes, altered)
    }

    @Test func theSinglePassGivesWhatTheRewritesInTurnGive() throws {
        var generator = SeededGenerator(seed: 9)
        var compared = 0
        var fellBack = 0
        for _ in 0..<400 {
            let direction: ChangeDirection = Bool.random(using: &generator) ? .forward : .backward
            let verbs = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                Self.verbs.randomElement(using: &generator)!
            }
            let rewrites = verbs.map { $0.resourceRewrite(direction) }
            let pass = try #require(SinglePassRewrite(rewrites))
            let operations = SinglePassRewrite.Operations(1) << rewrites.count - 1
            guard pass.canRun(operations) else {
                fellBack += 1
                continue
            }
            for _ in 0..<5 {
                let list = Self.list(&generator)
                let (expected, expectedAltered) = try Self.stepByStep(list, rewrites)
                var document = try JSONParser.parse(list)
                var altered = SinglePassRewrite.Operations(0)
                guard case .array(let items) = document.root else { continue }
                for index in items.indices {
                    pass.apply(operations, to: &document, at: .element(index), altered: &altered)
                }
                let written = String(decoding: document.bytes, as: UTF8.self)
                #expect(
                    written == String(decoding: expected, as: UTF8.self),
                    "\(verbs) \(direction) on \(String(decoding: list, as: UTF8.self))"
                )
                #expect(rewrites.indices.map { altered & 1 << $0 != 0 } == expectedAltered, "\(verbs) \(direction)")
                compared += 1
            }
        }
        // Both the pass and its refusals are exercised.
        #expect(compared > 1_000)
        #expect(fellBack > 10)
    }

    @Test func twoOperationsGivingOneNameDoNotRunTogether() throws {
        let rewrites = [
            ChangeVerb.renameField(older: Self.path("a"), newer: Self.path("z")).resourceRewrite(.forward),
            ChangeVerb.renameField(older: Self.path("b"), newer: Self.path("z")).resourceRewrite(.forward),
        ]
        let pass = try #require(SinglePassRewrite(rewrites))
        #expect(pass.canRun(0b01))
        #expect(pass.canRun(0b10))
        #expect(!pass.canRun(0b11))
    }

    @Test func rewritesBeyondTheResourcesOwnMembersDoNotRun() throws {
        let rewrites = [
            ChangeVerb.renameField(older: Self.path("a"), newer: Self.path("meta.a")).resourceRewrite(.forward),
            ChangeVerb.removeField(field: Self.path("meta.b"), defaultValue: .null).resourceRewrite(.forward),
            ChangeVerb.renameField(older: Self.path("c"), newer: Self.path("d")).resourceRewrite(.forward),
        ]
        let pass = try #require(SinglePassRewrite(rewrites))
        #expect(!pass.canRun(0b001))
        #expect(!pass.canRun(0b010))
        #expect(pass.canRun(0b100))
    }
}
