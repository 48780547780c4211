import Dispatch
import EventLoop
import Glibc
import Versioning

/// The running gateway: one event loop per thread, each with its own curl client, so that a request never crosses
/// threads and no lock sits on the hot path. The loops share one listening socket that no other process can share
/// (see ``ListeningSocket``), and each new connection wakes one loop.
///
/// ```swift
/// let server = try GatewayServer.start(configuration: configuration, catalog: catalog)
/// print("listening on \(server.port)")
/// server.shutdown()            // stop accepting, finish in-flight requests
/// server.waitUntilStopped()
/// ```
/// Concurrency: the methods here may be called from any thread; each loop's state stays on its loop.
public final class GatewayServer: Sendable {
    /// The port the gateway listens on (the one picked by the system when configured with 0).
    public let port: Int
    private let workers: [WorkerReference]
    private let stopped = DispatchGroup()

    private init(port: Int, workers: [WorkerReference]) {
        self.port = port
        self.workers = workers
    }

    /// Binds, starts every loop and returns once they all accept connections.
    /// - Parameters:
    ///   - guides: migration guides by file name (`v1-to-v2.md`), served under the admin prefix.
    /// - Throws: ``GatewayStartError`` when the address cannot be bound (another process holds the port, or the
    ///   host is not an address literal of this machine) or a loop cannot start.
    public static func start(
        configuration: GatewayConfiguration,
        catalog: VersionCatalog,
        guides: [String: String] = [:]
    ) throws(GatewayStartError) -> GatewayServer {
        // A client that hangs up mid-write must not kill the process; the sockets report EPIPE instead.
        signal(SIGPIPE, SIG_IGN)
        let pipeline = RequestPipeline(configuration: configuration, catalog: catalog, guides: guides)
        let address = HostPort(host: configuration.host, port: configuration.port).description
        let listener: ListeningSocket
        do {
            listener = try ListeningSocket(host: configuration.host, port: configuration.port)
        } catch  where error.errno == EADDRINUSE {
            throw GatewayStartError(
                description: "cannot listen on \(address): the port is already in use by another process"
            )
        } catch {
            throw GatewayStartError(description: "cannot listen on \(address): \(error)")
        }
        let port = listener.port
        let threads = max(1, configuration.threads)
        var workers: [WorkerReference] = []
        do {
            for index in 0..<threads {
                let socket = index == 0 ? listener : try listener.duplicate()
                do {
                    let worker = try GatewayWorker(
                        loop: try EventLoop(),
                        listener: socket,
                        sharedWithOtherLoops: threads > 1,
                        pipeline: pipeline
                    )
                    workers.append(WorkerReference(worker))
                } catch {
                    Glibc.close(socket.fd)
                    throw error
                }
            }
        } catch {
            for worker in workers { worker.discard() }
            throw GatewayStartError(description: "cannot start the event loops for \(address): \(error)")
        }
        let server = GatewayServer(port: port, workers: workers)
        for worker in workers {
            server.stopped.enter()
            do {
                try LoopThread.spawn { [stopped = server.stopped] in
                    worker.run()
                    stopped.leave()
                }
            } catch {
                server.stopped.leave()
                server.shutdown()
                throw GatewayStartError(description: "\(error)")
            }
        }
        return server
    }

    /// Serves new requests with `catalog` and `guides` from now on, on every loop, without touching a connection.
    /// Requests already past version resolution finish as they started.
    public func reload(catalog: VersionCatalog, guides: [String: String]) {
        for worker in self.workers { worker.reload(catalog: catalog, guides: guides) }
    }

    /// Stops accepting connections and closes each one once its request in progress is answered.
    /// Returns at once; see ``waitUntilStopped()``.
    public func shutdown() {
        for worker in self.workers { worker.beginDrain() }
    }

    /// Blocks until every loop has finished draining and stopped.
    public func waitUntilStopped() {
        self.stopped.wait()
    }

    /// Suspends until every loop has finished draining and stopped.
    public func stoppedAsync() async {
        await withCheckedContinuation { continuation in
            self.stopped.notify(queue: .global()) { continuation.resume() }
        }
    }
}

/// Why the gateway could not start, in one line.
public struct GatewayStartError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Hands a worker to its thread. The worker is created on the starting thread, then used only by its loop's
/// thread (thread start orders the two); other threads only enqueue work through `EventLoop.execute`.
private final class WorkerReference: @unchecked Sendable {
    private let worker: GatewayWorker

    init(_ worker: GatewayWorker) {
        self.worker = worker
    }

    func run() {
        self.worker.loop.run()
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

    /// Releases a worker whose loop never ran.
    func discard() {
        self.worker.beginDrain()
    }
}
