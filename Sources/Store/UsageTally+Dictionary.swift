extension Dictionary where Value == UsageTally {
    /// Adds `tally` to the one under `key`, or stores it there: one hash lookup when the key is already there.
    public mutating func add(_ tally: UsageTally, at key: Key) {
        _ = self.add(tally, at: key, mayAddKey: true)
    }

    /// Adds `tally` to the one under `key`, or stores it there when `mayAddKey`: one hash lookup when the key is
    /// already there. Returns false when the key is new and may not be added (nothing changes then).
    public mutating func add(_ tally: UsageTally, at key: Key, mayAddKey: Bool) -> Bool {
        if let index = self.index(forKey: key) {
            self.values[index].merge(tally)
        } else {
            guard mayAddKey else { return false }
            self[key] = tally
        }
        return true
    }
}
