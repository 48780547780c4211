/// A write a store refuses because of what was asked, not because the store failed: a duplicate client name, an
/// unknown id. Thrown inside a transaction (which then rolls back), it reaches the caller as a ``StoreError`` holding
/// just ``message``, without the store's location: it is about the caller's input.
struct StoreRefusal: Error {
    let message: String
    /// Whether the same change, made again on what is stored now, may succeed (see ``StoreError/isStale``).
    var isStale = false

    init(_ message: String, isStale: Bool = false) {
        self.message = StoreError.oneLine(message)
        self.isStale = isStale
    }

    var error: StoreError { StoreError(self.message, isStale: self.isStale) }
}
