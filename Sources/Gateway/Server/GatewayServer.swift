import Clients
import CurlClient
import Dispatch
import EventLoop
import Glibc
import NIOPosix
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
    /// As started: its ``GatewayConfiguration/upstreamVersion`` is always set.
    private let configuration: GatewayConfiguration
    private let workers: [WorkerReference]
    private let stopped = DispatchGroup()

    private init(port: Int, configuration: GatewayConfiguration, workers: [WorkerReference]) {
        self.port = port
        self.configuration = configuration
        self.workers = workers
    }

    /// Binds, starts every loop and returns once they all accept connections.
    /// - Parameters:
    ///   - guides: migration guides by file name (`v1-to-v2.md`), served under the admin prefix.
    ///   - clients: the registry to check tokens against until ``replaceClients(_:)``, when tokens are checked.
    /// - Throws: ``GatewayStartError`` when the address cannot be bound (another process holds the port, or the
    ///   host is not an address literal of this machine) or a loop cannot start.
    public static func start(
        configuration: GatewayConfiguration,
        catalog: VersionCatalog,
        guides: [String: String] = [:],
        clients: ClientSnapshot = .empty
    ) throws(GatewayStartError) -> GatewayServer {
        // As many translating threads as loops: the loops keep serving while up to that many bodies translate.
        let translationPool = NIOThreadPool(numberOfThreads: max(1, configuration.threads))
        translationPool.start()
        do {
            let server = try Self.start(
                configuration: configuration,
                catalog: catalog,
                guides: guides,
                clients: clients,
                translationPool: translationPool
            )
            // Once no loop is left to hand it work: what is still queued then has no connection to answer.
            server.stopped.notify(queue: .global()) { translationPool.shutdownGracefully { _ in } }
            return server
        } catch {
            translationPool.shutdownGracefully { _ in }
            throw error
        }
    }

    /// Starts with large translations on `translationPool`, started and shut down by the caller.
    static func start(
        configuration: GatewayConfiguration,
        catalog: VersionCatalog,
        guides: [String: String],
        clients: ClientSnapshot,
        translationPool: NIOThreadPool
    ) throws(GatewayStartError) -> GatewayServer {
        // A client that hangs up mid-write must not kill the process; the sockets report EPIPE instead.
        signal(SIGPIPE, SIG_IGN)
        // The upstream keeps speaking the version it spoke at start-up, whatever a reload makes current.
        var configuration = configuration
        configuration.upstreamVersion = configuration.upstreamVersion ?? catalog.defaultVersion
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
        let balancer = threads > 1 ? ConnectionBalancer() : nil
        let healthRecords = pipeline.upstreams.map { _ in UpstreamHealthRecord() }
        var workers: [WorkerReference] = []
        do {
            for index in 0..<threads {
                let socket = index == 0 ? listener : try listener.duplicate()
                do {
                    let worker = try GatewayWorker(
                        loop: try EventLoop(),
                        index: index,
                        listener: socket,
                        balancer: balancer,
                        pipeline: pipeline,
                        healthRecords: healthRecords,
                        clients: clients,
                        translationPool: translationPool
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
        balancer?.install(workers)
        let server = GatewayServer(port: port, configuration: configuration, workers: workers)
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
    /// - Throws: ``GatewayReloadError``, keeping the versions in service, when `catalog` lacks a version the
    ///   upstreams are configured with: the one the default upstream speaks, or one with an upstream of its own.
    public func reload(catalog: VersionCatalog, guides: [String: String]) throws(GatewayReloadError) {
        if let spoken = self.configuration.upstreamVersion, catalog[spoken] == nil {
            throw GatewayReloadError(description: "the new versions lack \(spoken), the version the upstream speaks")
        }
        for version in self.configuration.versionUpstreams.keys.sorted() where catalog[version] == nil {
            throw GatewayReloadError(description: "the new versions lack \(version), which has an upstream of its own")
        }
        for worker in self.workers { worker.reload(catalog: catalog, guides: guides) }
    }

    /// Checks tokens against `snapshot` from now on, on every loop: each swaps it in whole before its next
    /// request. Returns at once.
    public func replaceClients(_ snapshot: ClientSnapshot) {
        for worker in self.workers { worker.replaceClients(snapshot) }
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

/// Why the gateway refused new versions, in one line; it keeps serving the ones it had.
public struct GatewayReloadError: Error, Sendable, CustomStringConvertible {
    public let description: String
}
