import CCurl
import EventLoop
import Glibc

/// An HTTP client for one upstream on libcurl's multi socket interface, driven by one ``EventLoop``.
///
/// curl's sockets are watched by the same loop that serves the client connections and curl's timer is one of
/// the loop's deadline sources, so a proxied request never leaves its thread. Easy handles are pooled and
/// reused, and the single multi handle keeps upstream connections alive between transfers.
///
/// Concurrency: confined to the loop's thread. Every method must be called there, and handlers are told there,
/// always *after* the curl call that finished the transfer has returned, so they may start or cancel transfers.
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
    private var curlDeadline: UInt64?
    private var isShutDown = false
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

    /// Starts a transfer; `handler` is told its result once, on the loop thread, unless it is cancelled first.
    /// The client holds `handler` strongly until then.
    @discardableResult
    public func execute(_ request: UpstreamRequest, handler: any UpstreamResponseHandler) -> TransferID? {
        guard !self.isShutDown else {
            handler.upstreamTransfer(
                finishedWith: .failure(CurlClientError(kind: .shutDown, message: "the upstream client is shut down"))
            )
            return nil
        }
        let handle: EasyHandle
        do {
            handle = try self.checkoutHandle()
        } catch {
            handler.upstreamTransfer(finishedWith: .failure(error))
            return nil
        }
        handle.prepare(request, handler: handler)
        let added = curl_multi_add_handle(self.multi, handle.raw)
        guard added == CURLM_OK else {
            handle.abandon()
            self.idleSlots.append(handle.slot)
            let message = String(cString: curl_multi_strerror(added))
            handler.upstreamTransfer(finishedWith: .failure(CurlClientError(kind: .protocolError, message: message)))
            return nil
        }
        self.activeTransfers += 1
        return TransferID(slot: handle.slot, generation: handle.generation)
    }

    /// Abandons a transfer whose result nobody wants any more (its client went away). Its handler is never told.
    public func cancel(_ id: TransferID) {
        guard id.slot < self.handles.count else { return }
        let handle = self.handles[id.slot]
        guard handle.generation == id.generation, handle.handler != nil else { return }
        curl_multi_remove_handle(self.multi, handle.raw)
        handle.abandon()
        self.idleSlots.append(handle.slot)
        self.activeTransfers -= 1
    }

    /// Fails every running transfer, closes every upstream connection and frees curl's handles.
    /// The client cannot be used afterwards. Call it on the loop thread before the loop stops.
    public func shutdown() {
        guard !self.isShutDown else { return }
        self.isShutDown = true
        var abandoned: [any UpstreamResponseHandler] = []
        for handle in self.handles {
            guard let handler = handle.handler else { continue }
            curl_multi_remove_handle(self.multi, handle.raw)
            handle.abandon()
            abandoned.append(handler)
        }
        self.activeTransfers = 0
        for handle in self.handles { handle.cleanup() }
        self.handles.removeAll()
        curl_multi_cleanup(self.multi)
        for fd in self.watchers.keys { self.loop.deregister(fd) }
        self.watchers.removeAll()
        self.loop.removeDeadlineSource(self)
        let error = CurlClientError(
            kind: .shutDown,
            message: "the upstream client shut down before the upstream answered"
        )
        for handler in abandoned { handler.upstreamTransfer(finishedWith: .failure(error)) }
    }

    private func checkoutHandle() throws(CurlClientError) -> EasyHandle {
        if let slot = self.idleSlots.popLast() { return self.handles[slot] }
        let handle = try EasyHandle(
            slot: self.handles.count,
            configuration: self.configuration,
            budget: self.budget,
            socketCloser: curlCloseSocketCallback,
            socketCloserContext: Unmanaged.passUnretained(self).toOpaque()
        )
        self.handles.append(handle)
        return handle
    }

    /// Lets curl act on `fd` (or on its timeout), then completes what finished. Never called from a curl callback.
    fileprivate func socketAction(_ fd: curl_socket_t, mask: Int32) {
        var running: Int32 = 0
        curl_multi_socket_action(self.multi, fd, mask, &running)
        self.completeFinishedTransfers()
    }

    private func completeFinishedTransfers() {
        var finished: [(EasyHandle, UInt64, CURLcode)] = []
        var pending: Int32 = 0
        while let message = curl_multi_info_read(self.multi, &pending) {
            guard message.pointee.msg == CURLMSG_DONE, let raw = message.pointee.easy_handle else { continue }
            let handle = EasyHandle.handle(from: raw)
            finished.append((handle, handle.generation, message.pointee.data.result))
        }
        // Handlers are told one by one and may cancel other transfers, so each is checked again before it is.
        for (handle, generation, code) in finished where handle.generation == generation {
            curl_multi_remove_handle(self.multi, handle.raw)
            let (handler, result) = handle.finish(code: code)
            self.idleSlots.append(handle.slot)
            self.activeTransfers -= 1
            self.healthRecord.record(result)
            handler?.upstreamTransfer(finishedWith: result)
        }
    }

    // MARK: curl's callbacks. They only update our bookkeeping and the loop's interest set; no curl calls.

    /// curl's wish for a socket. A socket curl stops watching (an idle connection back in its cache) stays
    /// registered with the loop, only marked unwanted, so that reusing the connection for the next transfer costs
    /// no `epoll_ctl`; an event on an unwanted socket retires it, and ``closeSocket(_:)`` forgets it.
    fileprivate func watch(_ fd: curl_socket_t, what: Int32) {
        if what == CURL_POLL_REMOVE {
            self.watchers[fd]?.isWanted = false
            return
        }
        var interest: IOEvents = []
        if what & CURL_POLL_IN != 0 { interest.insert(.readable) }
        if what & CURL_POLL_OUT != 0 { interest.insert(.writable) }
        if let watcher = self.watchers[fd] {
            watcher.isWanted = true
            if watcher.interest != interest {
                self.loop.reregister(fd, interest: interest)
                watcher.interest = interest
            }
        } else {
            let watcher = CurlSocketWatcher(fd: fd, interest: interest, client: self)
            self.watchers[fd] = watcher
            try? self.loop.register(fd, interest: interest, handler: watcher)
        }
    }

    /// An unwanted socket became ready (typically: the upstream closed an idle connection). curl is not watching
    /// it, so stop listening until curl wants it again; curl finds the connection dead when it next checks.
    fileprivate func retire(_ watcher: CurlSocketWatcher) {
        self.watchers.removeValue(forKey: watcher.fd)
        self.loop.deregister(watcher.fd)
    }

    /// curl closes one of its sockets: forget it first, so that its number can be reused safely.
    fileprivate func closeSocket(_ fd: curl_socket_t) -> Int32 {
        if self.watchers.removeValue(forKey: fd) != nil { self.loop.deregister(fd) }
        return close(fd)
    }

    fileprivate func setTimer(milliseconds: Int) {
        self.curlDeadline = milliseconds < 0 ? nil : self.loop.now + UInt64(milliseconds)
    }
}

extension CurlClient: DeadlineSource {
    public var nextDeadline: UInt64? { self.curlDeadline }

    public func deadlineReached(now: UInt64) {
        self.curlDeadline = nil
        self.socketAction(vg_curl_socket_timeout, mask: 0)
    }
}

/// Relays readiness of one of curl's sockets to curl.
private final class CurlSocketWatcher: IOHandler {
    let fd: Int32
    /// What the socket is registered for with the loop.
    var interest: IOEvents
    /// Whether curl currently watches the socket (false once it said `CURL_POLL_REMOVE`).
    var isWanted = true
    unowned let client: CurlClient

    init(fd: Int32, interest: IOEvents, client: CurlClient) {
        self.fd = fd
        self.interest = interest
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
    return 0
}

private let curlTimerCallback: curl_multi_timer_callback = { _, milliseconds, context in
    Unmanaged<CurlClient>.fromOpaque(context!).takeUnretainedValue().setTimer(milliseconds: milliseconds)
    return 0
}

private let curlCloseSocketCallback: curl_closesocket_callback = { context, fd in
    Unmanaged<CurlClient>.fromOpaque(context!).takeUnretainedValue().closeSocket(fd)
}
