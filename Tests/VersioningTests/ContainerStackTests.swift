import Testing

@testable import Versioning

/// The parser's stack of open containers: each closing container takes its own values, in order, and leaves the
/// enclosing one's below untouched; values a failed read leaves are destroyed, not leaked.
@Suite struct ContainerStackTests {
    /// A value whose release a weak reference sees.
    final class Tracked {}

    @Test func aClosingContainerTakesItsOwnValuesInOrder() {
        let stack = ContainerStack<Int>(capacity: 2)
        stack.push(1)
        let inner = stack.count
        for value in 2...5 { stack.push(value) }
        #expect(stack.pop(from: inner) == [2, 3, 4, 5])
        #expect(stack.count == 1)
        #expect(stack.pop(from: 0) == [1])
        #expect(stack.pop(from: 0).isEmpty)
    }

    @Test func spareRoomIsCapacityNotValues() {
        let stack = ContainerStack<Int>()
        stack.push(7)
        let taken = stack.pop(from: 0, spare: 1)
        #expect(taken == [7])
        #expect(taken.capacity >= 2)
    }

    @Test func valuesTakenOrDroppedAreNotKeptByTheStack() {
        let stack = ContainerStack<Tracked>()
        weak var taken: Tracked?
        weak var dropped: Tracked?
        var values: [Tracked] = []
        do {
            let first = Tracked()
            taken = first
            stack.push(first)
            values = stack.pop(from: 0)
            let second = Tracked()
            dropped = second
            stack.push(second)
        }
        #expect(taken != nil && dropped != nil)
        values.removeAll()
        #expect(taken == nil, "a value moved out is held by its array alone")
        stack.drop(from: 0)
        #expect(dropped == nil, "a dropped value is released")
        #expect(stack.count == 0)
    }
}
