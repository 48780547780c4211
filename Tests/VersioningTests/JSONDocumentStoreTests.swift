import Testing

@testable import Versioning

/// Objects in a document's member store: one that grows in place when it is last in the store, or moves to the end
/// when it is not, keeps its order and leaves every other object as it was.
@Suite struct JSONDocumentStoreTests {
    private func document(_ text: String) throws -> JSONDocument {
        try JSONParser.parse(Array(text.utf8))
    }

    private func text(_ document: JSONDocument) -> String {
        String(decoding: document.bytes, as: UTF8.self)
    }

    private func member(_ name: String, _ scalar: String, in document: inout JSONDocument) -> JSONNode.Member {
        let value = document.text.appendScalar(.number(scalar))
        return JSONNode.Member(name: document.text.name(MemberName(name)), value: value)
    }

    @Test(arguments: [(0, #"{"x":9,"a":1,"b":2}"#), (1, #"{"a":1,"x":9,"b":2}"#), (7, #"{"a":1,"b":2,"x":9}"#)])
    func theLastObjectInTheStoreGrowsInPlace(position: Int, expected: String) throws {
        var document = try self.document(#"{"a":1,"b":2}"#)
        let member = self.member("x", "9", in: &document)
        let stored = document.members.count
        document.insertMember(member, at: position, intoObjectAt: .root)
        #expect(self.text(document) == expected)
        #expect(document.members.count == stored + 1)
    }

    @Test func anObjectBeforeOthersMovesToTheEndAndTheOthersStay() throws {
        var document = try self.document(#"[{"a":1,"b":2},{"c":3}]"#)
        let member = self.member("x", "9", in: &document)
        document.insertMember(member, at: 1, intoObjectAt: .element(0))
        #expect(self.text(document) == #"[{"a":1,"x":9,"b":2},{"c":3}]"#)
        guard case .object(let moved) = document.elements[0] else {
            Issue.record("the first element is no longer an object")
            return
        }
        #expect(moved.indices.upperBound == document.members.count)
    }

    @Test func removingClosesTheGapAndAnEmptiedObjectWritesAsEmpty() throws {
        var document = try self.document(#"{"a":{"k":1},"b":2,"c":3}"#)
        let b = try #require(document.index(of: MemberName("b"), inObjectAt: .root))
        document.removeMember(at: b, fromObjectAt: .root)
        #expect(self.text(document) == #"{"a":{"k":1},"c":3}"#)
        let a = try #require(document.index(of: MemberName("a"), inObjectAt: .root))
        let k = try #require(document.index(of: MemberName("k"), inObjectAt: .member(a)))
        document.removeMember(at: k, fromObjectAt: .member(a))
        #expect(self.text(document) == #"{"a":{},"c":3}"#)
    }

    @Test func settingAPathCreatesItsObjectsAndPruningRemovesAnEmptiedParent() throws {
        var document = try self.document(#"[{"id":1},{"id":2}]"#)
        let value = document.text.appendScalar(.number("5"))
        let path = FieldPath(names: [MemberName("meta"), MemberName("total")])
        document.setValue(value, at: path, inObjectAt: .element(0))
        #expect(self.text(document) == #"[{"id":1,"meta":{"total":5}},{"id":2}]"#)
        #expect(document.removeValuePruningEmptyParent(at: path, fromObjectAt: .element(0)) == value)
        #expect(self.text(document) == #"[{"id":1},{"id":2}]"#)
    }

    @Test func renamingReplacesAMemberAlreadyNamedSoWhereverItStands() throws {
        var document = try self.document(#"{"new":0,"a":1,"old":2}"#)
        let renamed = document.renameMember(MemberName("old"), to: MemberName("new"), inObjectAt: .root)
        #expect(renamed)
        #expect(self.text(document) == #"{"a":1,"new":2}"#)
        let missing = document.renameMember(MemberName("gone"), to: MemberName("new"), inObjectAt: .root)
        #expect(!missing)
    }
}
