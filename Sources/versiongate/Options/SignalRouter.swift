import Foundation
import Synchronization

/// The write end of the signal pipe, read by the signal handler. Set once, before any handler is installed.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Routes SIGTERM, SIGINT and SIGHUP to Swift code without a window in which one can be lost.
///
/// The `sigaction` handler only writes the signal's number to a pipe (async-signal-safe); a dedicated thread reads
/// the pipe and acts. Installation is synchronous: before it a signal has its default effect, after it ours.
/// (libdispatch's signal sources install their handler later, on another thread, which races any `SIG_IGN`.)
///
/// The first SIGTERM or SIGINT ends ``waitForTermination()``; a second one exits at once with status 130. SIGHUP
/// runs the action given to ``onReload(_:)``, on the router's thread.
final class SignalRouter: Sendable {
    private struct State {
        var terminations = 0
        var waiter: CheckedContinuation<Void, Never>?
        var reload: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    /// Installs the handlers; call first thing, before anything a signal should be able to stop.
    static func install() -> SignalRouter {
        let router = SignalRouter()
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { fatalError("cannot create the signal pipe") }
        signalPipeWriteEnd = ends[1]
        let readEnd = ends[0]
        let thread = Thread {
            var number: UInt8 = 0
            while read(readEnd, &number, 1) == 1 { router.received(Int32(number)) }
        }
        thread.name = "versiongate-signals"
        thread.start()
        for signalNumber in [SIGTERM, SIGINT, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(signalPipeWriteEnd, &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(signalNumber, &action, nil)
        }
        return router
    }

    /// Suspends until the first SIGTERM or SIGINT (returns at once if one already came).
    func waitForTermination() async {
        await withCheckedContinuation { continuation in
            let alreadyReceived = self.state.withLock { state in
                if state.terminations > 0 { return true }
                state.waiter = continuation
                return false
            }
            if alreadyReceived { continuation.resume() }
        }
    }

    /// What SIGHUP does from now on.
    func onReload(_ action: @escaping @Sendable () -> Void) {
        self.state.withLock { $0.reload = action }
    }

    private func received(_ signalNumber: Int32) {
        switch signalNumber {
        case SIGHUP:
            self.state.withLock { $0.reload }?()
        default:
            let waiter = self.state.withLock { state in
                state.terminations += 1
                if state.terminations > 1 { exit(130) }
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
