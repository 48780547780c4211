/// The handles that have news for their recipients (a head, body bytes), noted by curl's callbacks and delivered by
/// the client once curl's call has returned. Concurrency: confined to the client's loop thread.
final class TransferNews {
    private var slots: [Int] = []
    /// The list handed out by the last ``take()``, reused so that taking allocates nothing.
    private var spare: [Int] = []

    var isEmpty: Bool { self.slots.isEmpty }

    func note(_ slot: Int) {
        self.slots.append(slot)
    }

    /// The slots noted so far, in order; the list starts afresh. Valid until the next call.
    func take() -> [Int] {
        swap(&self.slots, &self.spare)
        self.slots.removeAll(keepingCapacity: true)
        return self.spare
    }
}
