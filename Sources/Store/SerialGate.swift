import Synchronization

/// Lets one task at a time through, in arrival order: a store holds it across the awaits of one transaction, so that
/// two calls on the same connection never interleave their statements (actor reentrancy alone would let them).
///
/// Concurrency: any task may call ``enter()`` and ``leave()``; the state is behind a `Mutex`. Waiting is not
/// cancellable: a waiter gets through when the holder's call ends, however that call ends.
final class SerialGate: Sendable {
    private struct State {
        var isHeld = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    init() {}

    /// Returns once the caller holds the gate; pair every call with one ``leave()``.
    func enter() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let enteredAtOnce = self.state.withLock { state in
                if state.isHeld {
                    state.waiting.append(continuation)
                    return false
                }
                state.isHeld = true
                return true
            }
            if enteredAtOnce { continuation.resume() }
        }
    }

    /// Hands the gate to the longest waiting task, or opens it.
    func leave() {
        let next = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.isHeld = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
