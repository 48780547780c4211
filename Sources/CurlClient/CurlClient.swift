import CCurl
import EventLoop
import Glibc

/// An HTTP client for one upstream on libcurl's multi socket interface, driven by one ``EventLoop``.
///
/// curl's sockets are watched by the same loop that serves the client connections and curl's timer is one of
/// the loop's deadline sources, so a proxied request never leaves its thread. Easy handles are pooled and
/// reused, and the single multi handle keeps upstream connections alive between transfers.
///
/// A transfer's response is either collected whole for an ``UpstreamResponseHandler`` (``execute(_:handler:)``), or
/// relayed to an ``UpstreamStreamConsumer`` as it arrives, paused while the consumer cannot take more
/// (``stream(_:to:)``, ``resume(_:)``), or one of the two as its head decides (``start(_:decidingAtHead:)``); the
/// decisions are a ``TransferStateMachine``'s.
///
/// Concurrency: confined to the loop's thread (checked in debug builds). Every method must be called there, and
/// recipients are told there, always *after* the curl call that produced the news has returned, so they may start,
/// cancel or resume transfers.
///
/// ```swift
/// let client = try CurlClient(loop: loop, configuration: .init(upstream: try UpstreamURL("http://127.0.0.1:9001")))
/// client.execute(UpstreamRequest(method: "GET", target: "/orders", headers: [], body: nil), handler: connection)
/// ```
public final class CurlClient {
    /// Names one transfer, for cancelling it. Stale identifiers (of finished transfers) are ignored.
    public struct TransferID: Sendable, Hashable {
        fileprivate let slot: Int
        fileprivate let generation: UInt64
    }

    private let loop: EventLoop
    private let configuration: Configuration
    private let multi: UnsafeMutableRawPointer
    private var handles: [EasyHandle] = []
    private var idleSlots: [Int] = []
    private var watchers: [Int32: CurlSocketWatcher] = [:]
    /// The sockets curl opened through the open-socket callback (its connections), until it closes them.
    private var connectionSockets: Set<Int32> = []
    private var curlDeadline: UInt64?
    /// When the watchdog next looks for watched transfers that ran out of time (``EasyHandle/expiry(now:)``), while
    /// any transfer runs.
    private var nextWatch: UInt64 = 0
    /// How often the watchdog looks: a quarter of the timeout, between 10 ms and a second. Its bounds hold to that.
    private let watchInterval: UInt64
    private var isShutDown = false
    /// Streamed transfers with a head or body bytes for their consumers, noted during curl's calls.
    private let news = TransferNews()
    /// Streamed transfers whose consumers asked for more while curl held them paused.
    private var unpauseQueue: [TransferID] = []
    /// Whether ``settle()`` is telling recipients (who may call back into the client).
    private var isSettling = false
    /// Streamed transfers whose consumers have the whole response while curl still has request body to send.
    private var answeredEarly: [TransferID] = []
    /// The transfers curl reported done in one turn, with their generations and results; kept between turns so
    /// that collecting them allocates nothing.
    private var finished: [(EasyHandle, UInt64, CURLcode)] = []
    /// Transfers started and neither finished nor cancelled.
    public private(set) var activeTransfers = 0
    /// Where finished transfers leave what they said of the upstream; shared with other loops' clients.
    private let healthRecord: UpstreamHealthRecord
    /// What this loop may hold of response bodies, shared with its other clients and connections; nil for no cap.
    private let budget: BufferBudget?

    /// - Parameters:
    ///   - healthRecord: where transfers record what they said of the upstream; pass the same record to the clients
    ///     of every loop that talk to this upstream.
    ///   - budget: what the loop may hold of bodies; a response that does not fit fails as
    ///     ``CurlClientError/Kind/overBudget``, and a successful one carries its reservation
    ///     (``UpstreamResponse/budgetedBytes``) for its handler to release.
    public init(
        loop: EventLoop,
        configuration: Configuration,
        healthRecord: UpstreamHealthRecord = UpstreamHealthRecord(),
        budget: BufferBudget? = nil
    ) throws(CurlClientError) {
        CurlGlobal.ensureInitialised()
        guard let multi = curl_multi_init() else {
            throw CurlClientError(kind: .protocolError, message: "curl_multi_init failed")
        }
        self.loop = loop
        self.configuration = configuration
        self.watchInterval = UInt64(min(1000, max(10, configuration.totalTimeoutMilliseconds / 4)))
        self.healthRecord = healthRecord
        self.budget = budget
        self.multi = multi
        let context = Unmanaged.passUnretained(self).toOpaque()
        vg_curl_multi_setopt_socket_cb(multi, CURLMOPT_SOCKETFUNCTION, curlSocketCallback)
        vg_curl_multi_setopt_ptr(multi, CURLMOPT_SOCKETDATA, context)
        vg_curl_multi_setopt_timer_cb(multi, CURLMOPT_TIMERFUNCTION, curlTimerCallback)
        vg_curl_multi_setopt_ptr(multi, CURLMOPT_TIMERDATA, context)
        vg_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost)
        vg_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, configuration.maxConnectionsPerHost)
        loop.addDeadlineSource(self)
    }

    /// What the transfers that finished last, on any loop sharing the record, said of the upstream.
    public var health: UpstreamHealth { self.healthRecord.health }

    /// Starts a transfer whose response is collected whole; `handler` is told its result once, on the loop thread,
    /// unless it is cancelled first. The client holds `handler` strongly until then. The whole exchange is bounded by
    /// the total timeout; with a request body sent as it arrives, the upstream's silence is, and the response has the
    /// total timeout from the end of that body.
    @discardableResult
    public func execute(_ request: UpstreamRequest, handler: any UpstreamResponseHandler) -> TransferID? {
        self.begin(request, for: .collector(handler))
    }

    /// Starts a transfer whose response body is relayed as it arrives, under no body limit: `consumer` is told the
    /// head, the body in order, and the end (see ``UpstreamStreamConsumer``), on the loop thread, unless it is
    /// cancelled first. The client holds `consumer` strongly until then. Its bound is on silence, not on the total:
    /// it fails as ``CurlClientError/Kind/timedOut`` when the upstream sends and takes no byte for the configured
    /// total timeout, seen within a quarter of it (at most a second); time the transfer is held back for its
    /// consumer, or for a request body sent as it arrives, does not count.
    @discardableResult
    public func stream(_ request: UpstreamRequest, to consumer: any UpstreamStreamConsumer) -> TransferID? {
        self.begin(request, for: .consumer(consumer))
    }

    /// Starts a transfer whose response body is collected whole or relayed as it arrives, as `recipient` decides
    /// once its head is known (``UpstreamResponseRecipient/upstreamTransferCollectsBody(after:)``): then it is told
    /// as ``execute(_:handler:)``'s handler, or as ``stream(_:to:)``'s consumer. Until the head, as for a relayed
    /// one, the upstream's silence is bounded; a body it collects must also have arrived whole within the total
    /// timeout of the start (or of the end of a request body sent as it arrives), else the transfer fails as
    /// ``CurlClientError/Kind/timedOut``. Both bounds are watched every quarter of the timeout (at most every
    /// second). The client holds `recipient` strongly until it is told the end.
    @discardableResult
    public func start(
        _ request: UpstreamRequest,
        decidingAtHead recipient: any UpstreamResponseRecipient
    ) -> TransferID? {
        self.begin(request, for: .decider(recipient))
    }

    /// A streamed transfer's consumer takes more again, after it answered a delivery with false. Stale identifiers
    /// are ignored.
    public func resume(_ id: TransferID) {
        self.loop.assertInLoop()
        guard let handle = self.runningHandle(id), handle.resume() else { return }
        self.unpauseQueue.append(id)
        self.settle()
    }

    /// Adds bytes of a streamed transfer's request body (``UpstreamRequest/streamedBody``), copied. Returns whether
    /// the transfer takes more now: false asks the supplier to wait (stop reading its client) until its consumer is
    /// told ``UpstreamStreamConsumer/upstreamStreamTakesRequestBody()``. Stale identifiers take nothing (false).
    public func supplyBody(_ bytes: UnsafeRawBufferPointer, to id: TransferID) -> Bool {
        self.loop.assertInLoop()
        guard let handle = self.runningHandle(id) else { return false }
        let (welcome, unpause) = handle.supplyBody(bytes)
        if unpause {
            self.unpauseQueue.append(id)
            self.settle()
        }
        return welcome
    }

    /// Ends a streamed transfer's request body: all of it was supplied. Stale identifiers are ignored.
    public func finishBody(of id: TransferID) {
        self.loop.assertInLoop()
        guard let handle = self.runningHandle(id), handle.finishBody() else { return }
        self.unpauseQueue.append(id)
        self.settle()
    }

    /// Abandons a transfer whose result nobody wants any more (its client went away). Its recipient is told nothing.
    public func cancel(_ id: TransferID) {
        self.loop.assertInLoop()
        guard let handle = self.runningHandle(id) else { return }
        curl_multi_remove_handle(self.multi, handle.raw)
        handle.abandon()
        self.returnToPool(handle)
    }

    /// Fails every running transfer, closes every upstream connection and frees curl's handles.
    /// The client cannot be used afterwards. Call it on the loop thread before the loop stops.
    public func shutdown() {
        self.loop.assertInLoop()
        guard !self.isShutDown else { return }
        self.isShutDown = true
        var abandoned: [EasyHandle.Recipient] = []
        for handle in self.handles {
            guard let recipient = handle.recipient else { continue }
            curl_multi_remove_handle(self.multi, handle.raw)
            handle.abandon()
            abandoned.append(recipient)
        }
        self.activeTransfers = 0
        for handle in self.handles { handle.cleanup() }
        self.handles.removeAll()
        curl_multi_cleanup(self.multi)
        for (fd, watcher) in self.watchers { self.loop.deregister(fd, ifHandledBy: watcher) }
        self.watchers.removeAll()
        self.loop.removeDeadlineSource(self)
        let error = CurlClientError(
            kind: .shutDown,
            message: "the upstream client shut down before the upstream answered"
        )
        for recipient in abandoned { Self.tell(recipient, .failure(error)) }
    }

    private func begin(_ request: UpstreamRequest, for recipient: EasyHandle.Recipient) -> TransferID? {
        self.loop.assertInLoop()
        guard !self.isShutDown else {
            Self.tell(
                recipient,
                .failure(CurlClientError(kind: .shutDown, message: "the upstream client is shut down"))
            )
            return nil
        }
        let handle: EasyHandle
        do {
            handle = try self.checkoutHandle()
        } catch {
            Self.tell(recipient, .failure(error))
            return nil
        }
        handle.prepare(request, for: recipient)
        self.activeTransfers += 1
        if self.activeTransfers == 1 { self.nextWatch = self.loop.now + self.watchInterval }
        let added = curl_multi_add_handle(self.multi, handle.raw)
        guard added == CURLM_OK else {
            handle.abandon()
            self.returnToPool(handle)
            let message = String(cString: curl_multi_strerror(added))
            Self.tell(recipient, .failure(CurlClientError(kind: .protocolError, message: message)))
            return nil
        }
        return TransferID(slot: handle.slot, generation: handle.generation)
    }

    /// The handle running the transfer `id`, unless that transfer has ended.
    private func runningHandle(_ id: TransferID) -> EasyHandle? {
        guard id.slot < self.handles.count else { return nil }
        let handle = self.handles[id.slot]
        guard handle.generation == id.generation, handle.recipient != nil else { return nil }
        return handle
    }

    private func checkoutHandle() throws(CurlClientError) -> EasyHandle {
        if let slot = self.idleSlots.popLast() { return self.handles[slot] }
        let handle = try EasyHandle(
            slot: self.handles.count,
            loop: self.loop,
            configuration: self.configuration,
            budget: self.budget,
            news: self.news,
            socketOpened: { [unowned self] fd in self.socketOpened(fd) },
            socketCloser: curlCloseSocketCallback,
            socketCloserContext: Unmanaged.passUnretained(self).toOpaque()
        )
        self.handles.append(handle)
        return handle
    }

    /// The one way a handle whose transfer ended (out of the multi handle, finished or abandoned) goes back.
    private func returnToPool(_ handle: EasyHandle) {
        self.idleSlots.append(handle.slot)
        self.activeTransfers -= 1
    }

    /// Lets curl act on `fd` (or on its timeout), then tells recipients what happened. Never called from a curl
    /// callback.
    fileprivate func socketAction(_ fd: curl_socket_t, mask: Int32) {
        var running: Int32 = 0
        curl_multi_socket_action(self.multi, fd, mask, &running)
        self.settle()
    }

    /// Tells recipients the news curl's calls left, and unpauses the transfers whose consumers asked for more, until
    /// nothing is left: recipients may start, cancel and resume transfers as they are told. Re-entered calls (a
    /// consumer resuming from inside a delivery) leave their work to the outer one.
    private func settle() {
        guard !self.isSettling else { return }
        self.isSettling = true
        defer { self.isSettling = false }
        repeat {
            while let id = self.unpauseQueue.popLast() {
                // curl may deliver the bytes it held from inside this call, to the write callback only; the direction
                // still paused (if any) stays so.
                if let handle = self.runningHandle(id) {
                    handle.unpaused()
                    curl_easy_pause(handle.raw, handle.machine.pauseMask)
                }
            }
            self.deliverNews()
            self.completeFinishedTransfers()
            self.endAnsweredEarly()
        } while !self.unpauseQueue.isEmpty || !self.news.isEmpty
    }

    /// Ends the transfers whose whole response was delivered (or collected) while curl still had request body to
    /// send, and that curl did not end with this turn's news: the upstream answered without reading the rest
    /// (RFC 9112 §9.5 lets it), and curl would otherwise hold the response's end until the upstream read a body it
    /// may never read. The upstream connection is closed, since the request on it is unfinished.
    private func endAnsweredEarly() {
        guard !self.answeredEarly.isEmpty else { return }
        let early = self.answeredEarly
        self.answeredEarly.removeAll()
        for id in early {
            if let handle = self.runningHandle(id) { self.end(handle, code: CURLE_OK) }
        }
    }

    /// Tells streamed transfers' consumers their heads and the body bytes that arrived (with the head, those that
    /// came with it), and asks deciders how their bodies go. A collected transfer's only news: it takes more of a
    /// request body sent as it arrives, or its whole answer came before that body was sent.
    private func deliverNews() {
        for slot in self.news.take() where slot < self.handles.count {
            let handle = self.handles[slot]
            let id = TransferID(slot: slot, generation: handle.generation)
            var news = handle.takeNews()
            if news.takesRequestBody {
                handle.recipient?.takesRequestBody()
                guard self.runningHandle(id) != nil else { continue }
            }
            if let head = news.head, case .decider(let recipient) = handle.recipient {
                if recipient.upstreamTransferCollectsBody(after: head) {
                    let (fits, unpause) = handle.collectInstead(&news.body)
                    guard fits else {
                        self.end(handle, code: CURLE_WRITE_ERROR)
                        continue
                    }
                    if unpause { self.unpauseQueue.append(id) }
                } else {
                    handle.relayInstead()
                }
            }
            if case .consumer(let consumer) = handle.recipient, news.head != nil || !news.body.isEmpty {
                let ready = news.body.withUnsafeBytes { bytes in
                    if let head = news.head {
                        consumer.upstreamStream(receivedHead: head, body: bytes)
                    } else {
                        consumer.upstreamStream(received: bytes)
                    }
                }
                guard self.runningHandle(id) != nil else { continue }
                if handle.delivered(&news.body, consumerReady: ready) { self.unpauseQueue.append(id) }
            }
            if handle.answeredBeforeRequestBodySent { self.answeredEarly.append(id) }
        }
    }

    private func completeFinishedTransfers() {
        // The last turn's list, emptied and reused: a recipient that starts a transfer may bring this back in, and
        // that call finds the property empty and makes its own.
        var finished = self.finished
        self.finished = []
        var pending: Int32 = 0
        while let message = curl_multi_info_read(self.multi, &pending) {
            guard message.pointee.msg == CURLMSG_DONE, let raw = message.pointee.easy_handle else { continue }
            let handle = EasyHandle.handle(from: raw)
            finished.append((handle, handle.generation, message.pointee.data.result))
        }
        // Recipients are told one by one and may cancel other transfers, so each is checked again before it is.
        for (handle, generation, code) in finished where handle.generation == generation {
            self.end(handle, code: code)
        }
        finished.removeAll(keepingCapacity: true)
        self.finished = finished
    }

    /// Takes a transfer out of curl, returns its handle to the pool, and tells its recipient how it ended.
    private func end(_ handle: EasyHandle, code: CURLcode) {
        curl_multi_remove_handle(self.multi, handle.raw)
        let (recipient, result) = handle.finish(code: code)
        self.returnToPool(handle)
        self.healthRecord.record(result)
        if let recipient { Self.tell(recipient, result) }
    }

    /// Tells `recipient` how its transfer ended: a collector the response, a consumer only whether it failed.
    private static func tell(_ recipient: EasyHandle.Recipient, _ result: Result<UpstreamResponse, CurlClientError>) {
        switch recipient {
        case .collector(let handler):
            handler.upstreamTransfer(finishedWith: result)
        case .decider(let recipient):
            // Told before its head: it failed, and is told as a collector, since nothing was relayed.
            recipient.upstreamTransfer(finishedWith: result)
        case .consumer(let consumer):
            if case .failure(let error) = result {
                consumer.upstreamStream(endedWith: error)
            } else {
                consumer.upstreamStream(endedWith: nil)
            }
        }
    }

    // MARK: curl's callbacks. They only update our bookkeeping and the loop's interest set; no curl calls.

    /// curl's wish for a socket. A connection socket curl stops watching (an idle connection back in its cache)
    /// stays registered with the loop, only marked unwanted, so that reusing the connection for the next transfer
    /// costs no `epoll_ctl`; an event on an unwanted socket retires it, and ``closeSocket(_:)`` forgets it. Any other
    /// socket (the threaded resolver's) is forgotten as soon as curl stops watching it: curl closes it unannounced.
    /// Returns -1 when the loop cannot watch the socket, and curl fails the transfers on it.
    fileprivate func watch(_ fd: curl_socket_t, what: Int32) -> Int32 {
        if what == CURL_POLL_REMOVE {
            guard let watcher = self.watchers[fd] else { return 0 }
            if watcher.isConnection {
                watcher.isWanted = false
            } else {
                self.retire(watcher)
            }
            return 0
        }
        var interest: IOEvents = []
        if what & CURL_POLL_IN != 0 { interest.insert(.readable) }
        if what & CURL_POLL_OUT != 0 { interest.insert(.writable) }
        do {
            if let watcher = self.watchers[fd] {
                watcher.isWanted = true
                if watcher.interest != interest {
                    try self.loop.reregister(fd, interest: interest)
                    watcher.interest = interest
                }
            } else {
                let watcher = CurlSocketWatcher(
                    fd: fd,
                    interest: interest,
                    isConnection: self.connectionSockets.contains(fd),
                    client: self
                )
                try self.loop.register(fd, interest: interest, handler: watcher)
                self.watchers[fd] = watcher
            }
            return 0
        } catch {
            return -1
        }
    }

    /// An unwanted socket became ready (typically: the upstream closed an idle connection), or curl stopped watching
    /// a socket it closes unannounced. curl is not watching it, so stop listening until curl wants it again; curl
    /// finds a connection dead when it next checks.
    fileprivate func retire(_ watcher: CurlSocketWatcher) {
        self.watchers.removeValue(forKey: watcher.fd)
        self.loop.deregister(watcher.fd, ifHandledBy: watcher)
    }

    /// curl opened a socket. A watcher already under its number is stale: libcurl before 8.2 closes a socket whose
    /// connect it abandons (a transfer cancelled while connecting) without ``closeSocket(_:)`` (curl issue #11439),
    /// and the new socket would otherwise be taken for the closed one and never watched.
    fileprivate func socketOpened(_ fd: curl_socket_t) {
        self.connectionSockets.insert(fd)
        if let stale = self.watchers.removeValue(forKey: fd) { self.loop.deregister(fd, ifHandledBy: stale) }
    }

    /// curl closes one of its sockets: forget it first, so that its number can be reused safely.
    fileprivate func closeSocket(_ fd: curl_socket_t) -> Int32 {
        self.connectionSockets.remove(fd)
        if self.watchers.removeValue(forKey: fd) != nil { self.loop.deregister(fd) }
        return close(fd)
    }

    fileprivate func setTimer(milliseconds: Int) {
        self.curlDeadline = milliseconds < 0 ? nil : self.loop.now + UInt64(milliseconds)
    }
}

extension CurlClient: DeadlineSource {
    public var nextDeadline: UInt64? {
        guard self.activeTransfers > 0 else { return self.curlDeadline }
        return min(self.curlDeadline ?? .max, self.nextWatch)
    }

    public func deadlineReached(now: UInt64) {
        if let deadline = self.curlDeadline, now >= deadline {
            self.curlDeadline = nil
            self.socketAction(vg_curl_socket_timeout, mask: 0)
        }
        if self.activeTransfers > 0, now >= self.nextWatch {
            self.nextWatch = now + self.watchInterval
            self.endExpiredTransfers(now: now)
        }
    }

    /// Ends the watched transfers that ran out of time, as timed out; their recipients are told.
    private func endExpiredTransfers(now: UInt64) {
        var expired: [TransferID] = []
        for handle in self.handles where handle.expiry(now: now) != nil {
            expired.append(TransferID(slot: handle.slot, generation: handle.generation))
        }
        // Recipients are told one by one and may cancel other transfers, so each is checked again before it is.
        for id in expired {
            if let handle = self.runningHandle(id) { self.end(handle, code: CURLE_OPERATION_TIMEDOUT) }
        }
    }
}

/// Relays readiness of one of curl's sockets to curl.
private final class CurlSocketWatcher: IOHandler {
    let fd: Int32
    /// What the socket is registered for with the loop.
    var interest: IOEvents
    /// Whether curl currently watches the socket (false once it said `CURL_POLL_REMOVE`).
    var isWanted = true
    /// Whether the socket is one of curl's connections, which it closes through ``CurlClient/closeSocket(_:)``.
    let isConnection: Bool
    unowned let client: CurlClient

    init(fd: Int32, interest: IOEvents, isConnection: Bool, client: CurlClient) {
        self.fd = fd
        self.interest = interest
        self.isConnection = isConnection
        self.client = client
    }

    func handle(_ events: IOEvents) {
        guard self.isWanted else {
            self.client.retire(self)
            return
        }
        var mask: Int32 = 0
        if events.contains(.readable) { mask |= CURL_CSELECT_IN }
        if events.contains(.writable) { mask |= CURL_CSELECT_OUT }
        if events.contains(.error) || events.contains(.hangup) { mask |= CURL_CSELECT_ERR }
        self.client.socketAction(self.fd, mask: mask)
    }
}

private let curlSocketCallback: curl_socket_callback = { _, fd, what, context, _ in
    Unmanaged<CurlClient>.fromOpaque(context!).takeUnretainedValue().watch(fd, what: what)
}

private let curlTimerCallback: curl_multi_timer_callback = { _, milliseconds, context in
    Unmanaged<CurlClient>.fromOpaque(context!).takeUnretainedValue().setTimer(milliseconds: milliseconds)
    return 0
}

private let curlCloseSocketCallback: curl_closesocket_callback = { context, fd in
    Unmanaged<CurlClient>.fromOpaque(context!).takeUnretainedValue().closeSocket(fd)
}
