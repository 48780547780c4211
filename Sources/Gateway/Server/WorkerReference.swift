import Clients
import EventLoop
import Versioning

/// Hands a worker to its thread. The worker is created on the starting thread, then used only by its loop's
/// thread (thread start orders the two); other threads only enqueue work through `EventLoop.execute`.
final class WorkerReference: @unchecked Sendable {
    private let worker: GatewayWorker

    init(_ worker: GatewayWorker) {
        self.worker = worker
    }

    /// The worker's place among the loops, fixed before its thread starts.
    var index: Int { self.worker.index }

    func run() {
        self.worker.loop.run()
    }

    /// Gives the worker a connection another loop accepted, to serve on its own loop.
    func adopt(fd: Int32, clientAddress: String) {
        self.worker.loop.execute { self.worker.adopt(fd: fd, clientAddress: clientAddress) }
    }

    func beginDrain() {
        self.worker.loop.execute { self.worker.beginDrain() }
    }

    func reload(catalog: VersionCatalog, guides: [String: String]) {
        self.worker.loop.execute {
            self.worker.pipeline = RequestPipeline(
                configuration: self.worker.pipeline.configuration,
                catalog: catalog,
                guides: guides
            )
        }
    }

    /// Checks tokens against `snapshot` from the worker's next request on.
    func replaceClients(_ snapshot: ClientSnapshot) {
        self.worker.loop.execute { self.worker.clientSnapshot = snapshot }
    }

    /// Releases a worker whose loop never ran.
    func discard() {
        self.worker.beginDrain()
    }
}
