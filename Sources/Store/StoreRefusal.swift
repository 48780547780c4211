/// A write a store refuses because of what was asked, not because the store failed: a duplicate client name, an
/// unknown id. Thrown inside a transaction (which then rolls back), it reaches the caller as a ``StoreError`` holding
/// just ``message``, without the store's location: it is about the caller's input.
struct StoreRefusal: Error {
    let message: String

    init(_ message: String) {
        self.message = StoreError.oneLine(message)
    }
}
