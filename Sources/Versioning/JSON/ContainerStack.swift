/// The members or elements of the containers a parser has open, innermost last, from which each container takes
/// its own when it closes: moved out, not copied, into storage of their number (and any spare room asked for).
///
/// An `Array` used as this stack would copy each value out and then destroy it in the stack: a retain and a
/// release per nested container.
final class ContainerStack<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        self.base = .allocate(capacity: capacity)
    }

    deinit {
        self.base.deinitialize(count: self.count)
        self.base.deallocate()
    }

    subscript(index: Int) -> Element {
        precondition(index >= 0 && index < self.count, "index out of the stack")
        return self.base[index]
    }

    func push(_ element: consuming Element) {
        if self.count == self.capacity { self.grow() }
        (self.base + self.count).initialize(to: element)
        self.count += 1
    }

    /// Moves the elements from `first` to the top out of the stack, as an array with room for `spare` more.
    func pop(from first: Int, spare: Int = 0) -> [Element] {
        precondition(first >= 0 && first <= self.count, "index out of the stack")
        // Reserved, then appended to: `init(unsafeUninitializedCapacity:)` compiled here to a generic call that
        // looked up the array's metadata at run time, for every container.
        var taken: [Element] = []
        taken.reserveCapacity(self.count - first + spare)
        for index in first..<self.count { taken.append((self.base + index).move()) }
        self.count = first
        return taken
    }

    /// Destroys the elements from `first` to the top: what a container read in part leaves when reading fails.
    func drop(from first: Int) {
        guard first < self.count else { return }
        (self.base + first).deinitialize(count: self.count - first)
        self.count = first
    }

    private func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity * 2)
        larger.moveInitialize(from: self.base, count: self.count)
        self.base.deallocate()
        self.base = larger
        self.capacity *= 2
    }
}
