extension Dictionary where Value == UsageTally {
    /// Adds `tally` to the one under `key`, or stores it there: one hash lookup when the key is already there.
    public mutating func add(_ tally: UsageTally, at key: Key) {
        if let index = self.index(forKey: key) {
            self.values[index].merge(tally)
        } else {
            self[key] = tally
        }
    }
}
