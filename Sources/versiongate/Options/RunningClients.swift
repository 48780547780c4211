import Clients
import Gateway
import Store
import Synchronization
import Versioning

/// A running gateway's side of the client registry: the snapshot every loop checks tokens against, kept current
/// as the registry changes, and the activity the loops report (last uses, first-request pins) written back.
///
/// Both run off the event loops, in tasks; a loop only ever swaps in a snapshot built here.
final class RunningClients: Sendable {
    /// How long a wait for a change lasts before the clients are read again anyway: the safety net for a change
    /// whose notification was lost.
    static let fullRefreshInterval = Duration.seconds(30)
    /// How often the loops' activity is written.
    static let activityInterval = Duration.seconds(1)

    private let registry: any ClientRegistry
    /// The clients as read at start: what the gateway starts with.
    let initial: ClientSnapshot
    /// Where the loops report their activity.
    let activity = ClientActivityInbox()
    private let tasks = Mutex<[Task<Void, Never>]>([])

    private init(registry: any ClientRegistry, initial: ClientSnapshot) {
        self.registry = registry
        self.initial = initial
    }

    /// Opens the registry at `location` and reads its clients.
    /// - Throws: ``CommandFailure`` in one line when the registry cannot be opened or read.
    static func open(_ location: StoreLocation, environment: [String: String]) async throws -> RunningClients {
        let registry: any ClientRegistry
        do { registry = try await ClientRegistries.open(location, environment: environment) } catch {
            throw CommandFailure(message: error.description)
        }
        do {
            let generation = try await registry.generation()
            let snapshot = ClientSnapshot(clients: try await registry.clients(), generation: generation)
            return RunningClients(registry: registry, initial: snapshot)
        } catch {
            await registry.close()
            throw CommandFailure(message: error.description)
        }
    }

    /// Says what the gateway checks tokens against, once it has started.
    func announce(_ mode: ClientAuthentication.Mode) {
        let active = self.initial.count
        Console.status("checking client tokens (--auth \(mode.rawValue)) against \(active) registered clients")
    }

    /// Keeps `server`'s snapshot current, and the test clients `usage`'s report leaves out, and writes what the
    /// loops report, until ``finish()``.
    func serve(_ server: GatewayServer, usage: RunningUsage) {
        usage.leaveOut(testClients: self.initial.testClientIDs)
        let watching = Task {
            await self.watch(from: self.initial.generation) { snapshot in
                server.replaceClients(snapshot)
                usage.leaveOut(testClients: snapshot.testClientIDs)
            }
        }
        let writing = Task { await self.writeActivity() }
        self.tasks.withLock { $0 = [watching, writing] }
    }

    /// Stops watching, writes the loops' last activity, and closes the registry. Call after the gateway stopped.
    func finish() async {
        let tasks = self.tasks.withLock { $0 }
        for task in tasks {
            task.cancel()
            await task.value
        }
        await self.write(self.activity.take())
        await self.registry.close()
    }

    /// Publishes a new snapshot whenever the registry changes, and every ``fullRefreshInterval`` regardless. While the
    /// registry cannot be read, the gateway keeps the clients it has, and says so once.
    private func watch(from start: Int64, publish: (ClientSnapshot) -> Void) async {
        var generation = start
        var failing = false
        while !Task.isCancelled {
            do {
                let next = try await self.registry.generation(
                    changedFrom: generation,
                    waitingAtMost: Self.fullRefreshInterval
                )
                if Task.isCancelled { return }
                publish(ClientSnapshot(clients: try await self.registry.clients(), generation: next))
                generation = next
                if failing {
                    Console.status("the client registry is readable again: tokens are checked against it")
                    failing = false
                }
            } catch {
                if !failing {
                    Console.status("cannot read the client registry, keeping the clients last read: \(error)")
                    failing = true
                }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    private func writeActivity() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: Self.activityInterval)
            await self.write(self.activity.take())
        }
    }

    /// Writes last uses, and pins the clients the loops pinned on their first request (unless a command pinned or
    /// revoked them meanwhile). A failed write is said once per batch; the loops ask for a pin again until it holds.
    private func write(_ activity: ClientActivity) async {
        guard !activity.isEmpty else { return }
        do {
            try await self.registry.recordUse(activity.lastUsed)
            for (id, version) in activity.pins.sorted(by: { $0.key < $1.key }) {
                try await self.pinOnFirstRequest(id, to: version)
            }
        } catch {
            Console.status("cannot record client activity in the registry: \(error)")
        }
    }

    /// Pins `id` to `version` unless it has a pin or is revoked by now; a change made meanwhile by a command is read
    /// again, a few times.
    private func pinOnFirstRequest(_ id: String, to version: VersionName) async throws(StoreError) {
        var attempts = 0
        while let stored = try await self.registry.client(id: id), stored.pin == nil, stored.revokedAt == nil {
            var client = stored
            client.pin = version.description
            let event = ClientEvent(
                clientID: id,
                at: SystemClock.now().secondsSinceEpoch,
                actor: "versiongate gateway",
                action: "pin",
                detail: "pinned to \(version) on its first request"
            )
            attempts += 1
            do {
                try await self.registry.update(client, event: event)
                return
            } catch {
                guard error.isStale, attempts < 5 else { throw error }
            }
        }
    }
}
