import Testing

@testable import Versioning

/// Which bodies a translation may pass without parsing: only those that name no member any change needs.
@Suite struct BodyTriggerTests {
    private static let rename = ChangeVerb.renameField(older: FieldPath("created")!, newer: FieldPath("created_at")!)

    private func mayAlter(_ body: String, _ verb: ChangeVerb, _ direction: ChangeDirection = .backward) -> Bool {
        BodyTrigger.mayAlter(Array(body.utf8), by: [verb.bodyTrigger(direction)])
    }

    @Test(arguments: [
        (#"{"id":"po_1","created_at":"2026-01-15T09:30:00Z"}"#, true),
        (#"{"id":"po_1","created":100}"#, false),
        // A value of that name is reason enough to parse: the scan cannot tell keys from values.
        (#"{"field":"created_at"}"#, true),
        // An escape could spell the name in other bytes: a body with one is always parsed.
        (#"{"cr\u0065ated_at":"x"}"#, true),
        (#"{"note":"a\nb"}"#, true),
        ("not json at all", false),
        ("", false),
    ])
    func aRenameNeedsItsSourceName(body: String, parses: Bool) {
        #expect(self.mayAlter(body, Self.rename) == parses)
    }

    @Test func eachDirectionLooksForTheNameItStartsFrom() {
        #expect(self.mayAlter(#"{"created":1}"#, Self.rename, .forward))
        #expect(!self.mayAlter(#"{"created_at":1}"#, Self.rename, .forward))
    }

    /// Adding a top-level default touches every object, so it always reads; one under a parent needs the parent.
    @Test func anAddedDefaultNeedsItsParentOrNothing() {
        let topLevel = ChangeVerb.addField(field: FieldPath("currency")!, defaultValue: .string("EUR"))
        #expect(self.mayAlter(#"{"id":1}"#, topLevel, .forward))
        #expect(!self.mayAlter(#"{"id":1}"#, topLevel, .backward), "removing it needs it")
        let nested = ChangeVerb.addField(field: FieldPath("total.currency")!, defaultValue: .string("EUR"))
        #expect(!self.mayAlter(#"{"id":1}"#, nested, .forward))
        #expect(self.mayAlter(#"{"total":{"amount":"1"}}"#, nested, .forward))
    }

    @Test func aWrapNeedsOneOfItsMembersAndAnUnwrapItsWrapper() {
        let wrap = ChangeVerb.wrapFields(
            into: FieldPath("total")!,
            members: [
                WrappedMember(olderField: "amount", member: "amount"),
                .init(olderField: "currency", member: "currency"),
            ]
        )
        #expect(self.mayAlter(#"{"currency":"EUR"}"#, wrap, .forward))
        #expect(!self.mayAlter(#"{"id":1}"#, wrap, .forward))
        #expect(self.mayAlter(#"{"total":{}}"#, wrap, .backward))
    }

    @Test func aReshapedListNeedsTheItemsItStartsFrom() {
        let reshape = ChangeVerb.reshapeList(
            older: ListEnvelope(items: FieldPath("results")!, total: FieldPath("count")!),
            newer: ListEnvelope(items: FieldPath("data")!, total: FieldPath("meta.total")!)
        )
        #expect(self.mayAlter(#"{"data":[]}"#, reshape, .backward))
        #expect(!self.mayAlter(#"{"items":[]}"#, reshape, .backward))
        #expect(self.mayAlter(#"{"results":[]}"#, reshape, .forward))
    }
}
