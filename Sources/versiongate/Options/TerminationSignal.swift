import Dispatch
import Foundation

/// Waits for SIGTERM or SIGINT. A second one while shutting down exits at once (status 130).
enum TerminationSignal {
    static func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let state = SignalState(continuation)
            for signalNumber in [SIGTERM, SIGINT] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
                source.setEventHandler { state.received() }
                source.resume()
                state.keep(source)
            }
        }
    }

    /// Resumes the waiter on the first signal and exits on the second. Only touched on the main queue.
    private final class SignalState: @unchecked Sendable {
        private var continuation: CheckedContinuation<Void, Never>?
        private var sources: [any DispatchSourceSignal] = []

        init(_ continuation: CheckedContinuation<Void, Never>) {
            self.continuation = continuation
        }

        func keep(_ source: any DispatchSourceSignal) {
            self.sources.append(source)
        }

        func received() {
            guard let continuation = self.continuation else { exit(130) }
            self.continuation = nil
            continuation.resume()
        }
    }
}
