import Glibc

/// A plain POSIX thread for one event loop: loops must own their thread, never share an executor.
enum LoopThread {
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    /// Starts a thread that runs `body` and ends with it.
    static func spawn(_ body: @escaping @Sendable () -> Void) throws(LoopThreadError) {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(
            &thread,
            nil,
            { context in
                let body = Unmanaged<Body>.fromOpaque(context!).takeRetainedValue()
                body.run()
                return nil
            },
            context
        )
        guard result == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            throw LoopThreadError(code: result)
        }
        pthread_detach(thread)
    }
}

/// A loop thread could not be started.
struct LoopThreadError: Error, CustomStringConvertible {
    let code: Int32
    var description: String { "could not start a loop thread: \(String(cString: strerror(self.code)))" }
}
