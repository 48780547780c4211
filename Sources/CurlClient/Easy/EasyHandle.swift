import CCurl
import EventLoop
import Glibc

/// One pooled curl easy handle and the state of the transfer it runs.
///
/// Options that never change are set once, at creation; a new transfer sets only what differs per request,
/// so the handle is reused without `curl_easy_reset`. Concurrency: confined to its client's loop thread, where
/// curl also calls its callbacks (inside multi calls). The callbacks only copy bytes and note news for the client
/// to deliver once curl's call has returned; they never call curl or the recipient.
final class EasyHandle {
    /// Who is told of a transfer.
    enum Recipient {
        /// Gets the whole response once the transfer ends.
        case collector(any UpstreamResponseHandler)
        /// Gets the head, then the body as it arrives, then the end.
        case consumer(any UpstreamStreamConsumer)
        /// Chooses at the head whether to be a collector or a consumer (``collectInstead(_:)``,
        /// ``relayInstead()``).
        case decider(any UpstreamResponseRecipient)

        /// Whether the body may be collected whole: a collector's, or a decider's until it chooses.
        var mayCollect: Bool {
            if case .consumer = self { false } else { true }
        }

        /// Tells the recipient that the transfer takes more of a request body sent as it arrives.
        func takesRequestBody() {
            switch self {
            case .collector(let handler): handler.upstreamTransferTakesRequestBody()
            case .consumer(let consumer): consumer.upstreamStreamTakesRequestBody()
            case .decider(let recipient): recipient.upstreamStreamTakesRequestBody()
            }
        }
    }

    /// Most body bytes of a streamed transfer waiting for delivery to its consumer; curl is paused beyond it.
    static let streamHighWater = 64 * 1024
    /// Request body bytes supplied and not yet sent beyond which the supplier should wait, and below which it is
    /// told to go on.
    static let uploadHighWater = 256 * 1024
    static let uploadLowWater = 64 * 1024
    /// The most room for relayed body bytes an idle handle keeps for its next transfer, so that a small streamed
    /// body costs no allocation: enough for curl's largest write (16 KiB, `CURLOPT_BUFFERSIZE`'s default) once the
    /// allocator has rounded it up. Idle handles keep at most this much each, outside the buffer budget.
    static let keptRelayCapacity = 32 * 1024

    let raw: UnsafeMutableRawPointer
    /// Position in the client's handle table; with ``generation`` it names one transfer.
    let slot: Int
    private(set) var generation: UInt64 = 0
    /// Who gets the result of the running transfer; nil when the handle is idle.
    private(set) var recipient: Recipient?
    private(set) var machine = TransferStateMachine()
    /// Body bytes of a streamed transfer that its consumer has not been told yet.
    private var relayed: [UInt8] = []
    /// Body bytes of a streamed transfer taken from curl so far.
    private var relayedTotal = 0
    /// Where the handle notes that it has news for its recipient (a head, body bytes), shared with its client.
    private let news: TransferNews
    /// Whether the handle is noted in ``news`` and not yet asked for them.
    private var hasNews = false
    private let totalTimeoutMilliseconds: Int
    /// Why a transfer the client's watchdog bounds ran out of time (``expiry(now:)``).
    enum Expiry: Equatable {
        /// Neither a byte from the upstream nor one taken by it for the whole timeout, while curl was free to move
        /// bytes.
        case silence
        /// A response that may be collected was not whole at its deadline.
        case deadline
    }

    /// The loop whose clock the watchdog's bounds are read on.
    private unowned let loop: EventLoop
    /// Whether the running transfer's time is bounded by the watchdog (``expiry(now:)``) rather than by curl's
    /// total timeout: one whose body is relayed, or whose request body is sent as it arrives, may take as long as
    /// its client, and only the upstream's silence is bounded.
    private var watched = false
    /// When the upstream last sent or took a byte, or curl was last held back on the gateway's side (loop
    /// milliseconds).
    private var lastProgress: UInt64 = 0
    /// What ended the transfer, if the watchdog did.
    private var expired: Expiry?
    /// When a transfer that may collect its body, and whose silence alone curl bounds, must have its whole response
    /// (loop milliseconds): a transfer deciding at its head, until it chooses to relay its body, and one whose request
    /// body is sent as it arrives. The total timeout runs from the start, or from the end of a body sent as it
    /// arrives, since that takes as long as its client does (bounded by the client's silence instead).
    private var deadline: UInt64?

    private let budget: BufferBudget?
    /// Bytes of ``budget`` the running transfer holds.
    private var budgeted = 0
    /// Set when the budget could not take more of the body, and the transfer was aborted for it.
    private var exceededBudget = false
    /// Set when a socket for the upstream could not be opened because the process or the system is out of file
    /// descriptors (`EMFILE`, `ENFILE`): curl reports that as a failed connect, but the upstream is not at fault.
    private var outOfDescriptors = false
    private let configuredResponseBodyLimit: Int
    /// The running transfer's response body limit: the configured one, or the request's lower one.
    private var responseBodyLimit: Int
    private let basePath: String
    /// The upstream's URL, parsed once: set as `CURLOPT_CURLU`, curl copies it for each transfer where it parsed
    /// `CURLOPT_URL` anew (and wrote it back out) every time.
    private let url: OpaquePointer
    private var requestBody: [UInt8] = []
    private var requestBodyOffset = 0
    /// Whether the request body is sent as it is supplied (``supplyBody(_:)``) rather than whole.
    private var streamsRequestBody = false
    /// Whether the supplied request body is complete.
    private var requestBodyEnded = false
    /// Whether the supplier was told to wait (the unsent body passed ``uploadHighWater``) and is owed word that the
    /// transfer takes more.
    private var owesBodyRequest = false
    private var headerList = HeaderList()
    private var response = ResponseAccumulator()

    /// Told of every socket curl opens for this handle, with its descriptor, before curl uses it.
    fileprivate let socketOpened: (curl_socket_t) -> Void

    /// - Parameters:
    ///   - socketOpened: told of every socket curl opens for this handle's connections.
    ///   - socketCloser: told of every socket curl closes for this handle's connections, as
    ///     `CURLOPT_CLOSESOCKETFUNCTION` with `socketCloserContext`.
    init(
        slot: Int,
        loop: EventLoop,
        configuration: CurlClient.Configuration,
        budget: BufferBudget?,
        news: TransferNews,
        socketOpened: @escaping (curl_socket_t) -> Void,
        socketCloser: curl_closesocket_callback,
        socketCloserContext: UnsafeMutableRawPointer
    ) throws(CurlClientError) {
        guard let raw = curl_easy_init() else {
            throw CurlClientError(kind: .protocolError, message: "curl_easy_init failed")
        }
        guard let url = curl_url() else {
            curl_easy_cleanup(raw)
            throw CurlClientError(kind: .protocolError, message: "curl_url failed")
        }
        let parsed = curl_url_set(url, CURLUPART_URL, configuration.upstream.origin + "/", 0)
        guard parsed == CURLUE_OK else {
            curl_url_cleanup(url)
            curl_easy_cleanup(raw)
            let reason = String(cString: curl_url_strerror(parsed))
            throw CurlClientError(kind: .protocolError, message: "curl cannot read the upstream URL: \(reason)")
        }
        self.raw = raw
        self.url = url
        self.slot = slot
        self.loop = loop
        self.budget = budget
        self.news = news
        self.totalTimeoutMilliseconds = configuration.totalTimeoutMilliseconds
        self.configuredResponseBodyLimit = configuration.maxResponseBodyBytes
        self.responseBodyLimit = configuration.maxResponseBodyBytes
        self.basePath = configuration.upstream.basePath
        self.socketOpened = socketOpened
        let context = Unmanaged.passUnretained(self).toOpaque()
        vg_curl_easy_setopt_ptr(raw, CURLOPT_CURLU, UnsafeMutableRawPointer(url))
        // An empty proxy keeps curl from reading the proxy environment variables on every transfer.
        vg_curl_easy_setopt_string(raw, CURLOPT_PROXY, "")
        vg_curl_easy_setopt_long(raw, CURLOPT_NOSIGNAL, 1)
        vg_curl_easy_setopt_long(raw, CURLOPT_PATH_AS_IS, 1)
        vg_curl_easy_setopt_long(raw, CURLOPT_FOLLOWLOCATION, 0)
        vg_curl_easy_setopt_long(raw, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1))
        vg_curl_easy_setopt_long(raw, CURLOPT_TCP_NODELAY, 1)
        vg_curl_easy_setopt_long(raw, CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeoutMilliseconds)
        vg_curl_easy_setopt_ptr(raw, CURLOPT_PRIVATE, context)
        vg_curl_easy_setopt_write_cb(raw, CURLOPT_WRITEFUNCTION, easyWriteCallback)
        vg_curl_easy_setopt_ptr(raw, CURLOPT_WRITEDATA, context)
        vg_curl_easy_setopt_write_cb(raw, CURLOPT_HEADERFUNCTION, easyHeaderCallback)
        vg_curl_easy_setopt_ptr(raw, CURLOPT_HEADERDATA, context)
        vg_curl_easy_setopt_read_cb(raw, CURLOPT_READFUNCTION, easyReadCallback)
        vg_curl_easy_setopt_ptr(raw, CURLOPT_READDATA, context)
        vg_curl_easy_setopt_opensocket_cb(raw, CURLOPT_OPENSOCKETFUNCTION, easyOpenSocketCallback)
        vg_curl_easy_setopt_ptr(raw, CURLOPT_OPENSOCKETDATA, context)
        vg_curl_easy_setopt_closesocket_cb(raw, CURLOPT_CLOSESOCKETFUNCTION, socketCloser)
        vg_curl_easy_setopt_ptr(raw, CURLOPT_CLOSESOCKETDATA, socketCloserContext)
    }

    /// Frees the curl handle. Only after it left the multi handle; never from `deinit` (curl must not be
    /// called while Swift tears objects down in an order we do not control).
    func cleanup() {
        self.releaseTransferState()
        curl_easy_cleanup(self.raw)
        curl_url_cleanup(self.url)
        self.headerList.deallocate()
    }

    static func handle(from raw: UnsafeMutableRawPointer) -> EasyHandle {
        var context: UnsafeMutableRawPointer?
        vg_curl_easy_getinfo_ptr(raw, CURLINFO_PRIVATE, &context)
        return Unmanaged<EasyHandle>.fromOpaque(context!).takeUnretainedValue()
    }

    /// Sets the per-request options. The handle must not be in a multi handle.
    func prepare(_ request: UpstreamRequest, for recipient: Recipient) {
        self.recipient = recipient
        self.response = ResponseAccumulator()
        let raw = self.raw
        let collects = if case .collector = recipient { true } else { false }
        self.machine.start(streams: !collects)
        // A relayed body may take as long as its client reads, and a body sent as it arrives as long as its client
        // sends: the upstream must only keep going, so the watchdog bounds its silence, not the total. (curl's
        // low-speed check would count the time a request body waits for its client as the upstream's.) A body that
        // may be collected is bounded in total as well, by the deadline.
        self.watched = !collects || request.streamedBody != nil
        self.lastProgress = self.loop.now
        vg_curl_easy_setopt_long(raw, CURLOPT_TIMEOUT_MS, self.watched ? 0 : self.totalTimeoutMilliseconds)
        if self.watched, recipient.mayCollect, request.streamedBody == nil { self.startDeadline() }
        self.requestBodyOffset = 0
        self.streamsRequestBody = request.streamedBody != nil
        if request.body != nil || request.streamedBody != nil {
            let size: Int
            switch request.streamedBody {
            case .length(let length): size = length
            // curl sends a body of unknown size in chunks to an HTTP/1.1 upstream.
            case .chunked: size = -1
            case nil: size = request.body?.count ?? 0
            }
            self.requestBody = request.body ?? []
            vg_curl_easy_setopt_long(raw, CURLOPT_NOBODY, 0)
            vg_curl_easy_setopt_long(raw, CURLOPT_POST, 1)
            vg_curl_easy_setopt_off_t(raw, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(size))
            vg_curl_easy_setopt_string(raw, CURLOPT_CUSTOMREQUEST, request.method == "POST" ? nil : request.method)
        } else if request.method == "HEAD" {
            vg_curl_easy_setopt_long(raw, CURLOPT_HTTPGET, 1)
            vg_curl_easy_setopt_long(raw, CURLOPT_NOBODY, 1)
            vg_curl_easy_setopt_string(raw, CURLOPT_CUSTOMREQUEST, nil)
        } else {
            vg_curl_easy_setopt_long(raw, CURLOPT_NOBODY, 0)
            vg_curl_easy_setopt_long(raw, CURLOPT_HTTPGET, 1)
            vg_curl_easy_setopt_string(raw, CURLOPT_CUSTOMREQUEST, request.method == "GET" ? nil : request.method)
        }
        // `withCString` lends a string's own bytes; passing the string as the argument would copy them first.
        _ = (self.basePath + request.target).withCString {
            vg_curl_easy_setopt_string(raw, CURLOPT_REQUEST_TARGET, $0)
        }
        self.responseBodyLimit = min(request.maxResponseBodyBytes ?? .max, self.configuredResponseBodyLimit)
        self.buildHeaderList(for: request)
        vg_curl_easy_setopt_slist(raw, CURLOPT_HTTPHEADER, self.headerList.head)
    }

    /// Ends the current transfer: returns its recipient and the result for `code`, and makes the handle
    /// ready for the next one. The handle must already be out of the multi handle. A streamed transfer's
    /// response is its head alone (its body was relayed).
    func finish(code: CURLcode) -> (Recipient?, Result<UpstreamResponse, CurlClientError>) {
        let recipient = self.recipient
        let result: Result<UpstreamResponse, CurlClientError>
        if code == CURLE_OK {
            var response = self.response.take()
            // The response carries its reservation on; the handler releases it once the body is passed on.
            response.budgetedBytes = self.budgeted
            self.budgeted = 0
            result = .success(response)
        } else {
            result = .failure(self.error(for: code))
        }
        self.releaseTransferState()
        return (recipient, result)
    }

    /// The news of a streamed transfer for its consumer: the head if it is owed, the body bytes waiting, and whether
    /// the transfer takes more of the request body after the supplier was told to wait. Bytes waiting come in the
    /// handle's own buffer, which the caller hands back with ``delivered(_:consumerReady:)`` (unless the transfer
    /// ended meanwhile), so that its room takes the next ones; with none waiting, the handle keeps it.
    func takeNews() -> (head: UpstreamResponseHead?, body: [UInt8], takesRequestBody: Bool) {
        let takesRequestBody = self.takesRequestBodyAgain
        if takesRequestBody { self.owesBodyRequest = false }
        let head: UpstreamResponseHead?
        if self.machine.owesHead {
            self.machine.headTold()
            head = self.response.head
        } else {
            head = nil
        }
        self.hasNews = false
        // Bytes waiting are handed over in their buffer; with none, the handle keeps its room.
        var body: [UInt8] = []
        if !self.relayed.isEmpty { swap(&body, &self.relayed) }
        return (head, body, takesRequestBody)
    }

    /// Request body bytes supplied and not yet sent.
    var unsentRequestBody: Int { self.requestBody.count - self.requestBodyOffset }

    /// Whether a supplier told to wait may go on: curl has sent all but less than ``uploadLowWater`` of its body.
    private var takesRequestBodyAgain: Bool { self.owesBodyRequest && self.unsentRequestBody < Self.uploadLowWater }

    /// Whether the response arrived whole (all its `Content-Length`, relayed or collected) while curl still has
    /// request body to send: the upstream answered before reading it all, and curl would wait to send the rest, for
    /// an upstream that may never read it, before it ends the transfer.
    var answeredBeforeRequestBodySent: Bool {
        guard self.response.isHeadComplete, let length = self.response.declaredLength,
            (self.machine.streams ? self.relayedTotal : self.response.bodyCount) >= length
        else { return false }
        return self.unsentRequestBody > 0 || (self.streamsRequestBody && !self.requestBodyEnded)
    }

    /// Adds request body bytes to send; false when the supplier should wait for word that the transfer takes more.
    /// Returns also whether curl must be unpaused (it asked for bytes and found none).
    func supplyBody(_ bytes: UnsafeRawBufferPointer) -> (welcome: Bool, unpause: Bool) {
        if self.requestBodyOffset > 0, self.requestBodyOffset >= self.requestBody.count / 2 {
            self.requestBody.removeFirst(self.requestBodyOffset)
            self.requestBodyOffset = 0
        }
        self.requestBody.append(contentsOf: bytes)
        let welcome = self.unsentRequestBody < Self.uploadHighWater
        if !welcome { self.owesBodyRequest = true }
        return (welcome, self.machine.bodySupplied())
    }

    /// The request body is complete; true when curl must be unpaused to learn it.
    func finishBody() -> Bool {
        self.requestBodyEnded = true
        if self.recipient?.mayCollect == true { self.startDeadline() }
        return self.machine.bodySupplied()
    }

    /// The response may be collected: from now, it has the total timeout to arrive whole.
    private func startDeadline() {
        self.deadline = self.loop.now + UInt64(self.totalTimeoutMilliseconds)
    }

    /// The consumer took `buffer`'s bytes; the buffer is kept for the next ones (taken from `buffer`, so that it is
    /// emptied in place rather than copied). True when curl must be unpaused.
    func delivered(_ buffer: inout [UInt8], consumerReady: Bool) -> Bool {
        if self.relayed.isEmpty, buffer.capacity > self.relayed.capacity {
            swap(&self.relayed, &buffer)
            self.relayed.removeAll(keepingCapacity: true)
        }
        return self.machine.delivered(consumerReady: consumerReady)
    }

    /// A decider chose at the head to collect the body whole. The bytes that came with the head (`waiting`, emptied,
    /// its room kept for later relays) are the collection's first, under the body limit and the budget. Returns
    /// whether they fit (else the transfer is to end, as one whose body outgrew them does), and whether curl must be
    /// unpaused (it held bytes back for a consumer that never came).
    func collectInstead(_ waiting: inout [UInt8]) -> (fits: Bool, unpause: Bool) {
        if case .decider(let recipient) = self.recipient { self.recipient = .collector(recipient) }
        let unpause = self.machine.collectInstead()
        self.response.reserveDeclaredBody(limit: self.responseBodyLimit)
        let fits = waiting.withUnsafeBytes { self.collect($0) }
        waiting.removeAll(keepingCapacity: true)
        if self.relayed.isEmpty, waiting.capacity > self.relayed.capacity { swap(&self.relayed, &waiting) }
        return (fits, unpause)
    }

    /// A decider chose at the head to have the body relayed: it is a consumer from now on, under no deadline.
    func relayInstead() {
        guard case .decider(let recipient) = self.recipient else { return }
        self.recipient = .consumer(recipient)
        self.deadline = nil
    }

    /// The consumer asks for more; true when curl must be unpaused.
    func resume() -> Bool {
        self.machine.resume()
    }

    /// Drops the current transfer without a result (cancellation, shutdown).
    func abandon() {
        self.releaseTransferState()
    }

    private func releaseTransferState() {
        self.budget?.release(self.budgeted)
        self.budgeted = 0
        self.exceededBudget = false
        self.watched = false
        self.deadline = nil
        self.expired = nil
        self.outOfDescriptors = false
        self.generation &+= 1
        self.machine.ended()
        self.hasNews = false
        self.recipient = nil
        self.relayed.removeAll(keepingCapacity: self.relayed.capacity <= Self.keptRelayCapacity)
        self.relayedTotal = 0
        self.requestBody = []
        self.streamsRequestBody = false
        self.requestBodyEnded = false
        self.owesBodyRequest = false
        self.response = ResponseAccumulator()
    }

    private func error(for code: CURLcode) -> CurlClientError {
        let message = String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_OPERATION_TIMEDOUT where self.expired == .silence:
            return CurlClientError(kind: .timedOut, message: "the upstream was silent for the whole timeout")
        case CURLE_OPERATION_TIMEDOUT where self.expired == .deadline:
            return CurlClientError(kind: .timedOut, message: "the response was still arriving at the timeout")
        case CURLE_OPERATION_TIMEDOUT:
            return CurlClientError(kind: .timedOut, message: message)
        case CURLE_WRITE_ERROR where self.response.exceededLimit:
            return CurlClientError(kind: .responseTooLarge, message: "upstream response body is too large")
        case CURLE_WRITE_ERROR where self.exceededBudget:
            return CurlClientError(kind: .overBudget, message: "the gateway holds as many bodies as it may")
        case CURLE_WRITE_ERROR where self.response.malformation != nil:
            return CurlClientError(
                kind: .protocolError,
                message: "the upstream sent \(self.response.malformation ?? "")"
            )
        case CURLE_COULDNT_CONNECT where self.outOfDescriptors:
            return CurlClientError(
                kind: .outOfDescriptors,
                message: "the gateway has no file descriptor left for an upstream connection"
            )
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_GOT_NOTHING, CURLE_SEND_ERROR,
            CURLE_RECV_ERROR, CURLE_SSL_CONNECT_ERROR:
            return CurlClientError(kind: .unreachable, message: message)
        default:
            return CurlClientError(kind: .protocolError, message: message)
        }
    }

    /// curl adds `Accept`, `Expect: 100-continue` and, for bodies, a form `Content-Type` unless told not to;
    /// a proxy must send only what its client sent.
    private func buildHeaderList(for request: UpstreamRequest) {
        var sawAccept = false
        var sawContentType = false
        var bytes = 64
        for (name, value) in request.headers {
            if !sawAccept, name.utf8.count == 6, name.lowercased() == "accept" { sawAccept = true }
            if !sawContentType, name.utf8.count == 12, name.lowercased() == "content-type" { sawContentType = true }
            bytes += HeaderList.bytes(name, value)
        }
        self.headerList.reset(fields: request.headers.count + 3, bytes: bytes)
        for (name, value) in request.headers { self.headerList.append(name, value) }
        self.headerList.append("Expect", nil)
        if !sawAccept { self.headerList.append("Accept", nil) }
        if request.body != nil || request.streamedBody != nil, !sawContentType {
            self.headerList.append("Content-Type", nil)
        }
    }

    private func noteNews() {
        guard !self.hasNews else { return }
        self.hasNews = true
        self.news.note(self.slot)
    }

    fileprivate func noteOutOfDescriptors() {
        self.outOfDescriptors = true
    }

    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        self.lastProgress = self.loop.now
        if self.machine.streams {
            switch self.machine.bodyArrived(
                count: bytes.count,
                waiting: self.relayed.count,
                highWater: Self.streamHighWater
            ) {
            case .pause:
                return Int(CURL_WRITEFUNC_PAUSE)
            case .take:
                self.noteNews()
                self.relayed.append(contentsOf: bytes)
                self.relayedTotal += bytes.count
                return bytes.count
            }
        }
        guard self.collect(bytes) else { return 0 }
        // The client learns of a whole answer once curl's call returns, whatever of the request is left to send.
        if self.answeredBeforeRequestBodySent { self.noteNews() }
        return bytes.count
    }

    /// Adds collected body bytes under the budget and the body limit; false (and the transfer is to be aborted)
    /// when either is exceeded.
    private func collect(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if let budget = self.budget {
            guard budget.reserve(bytes.count) else {
                self.exceededBudget = true
                return false
            }
            self.budgeted += bytes.count
        }
        return self.response.appendBody(bytes, limit: self.responseBodyLimit)
    }

    /// Whether a watched transfer has run out of time at `now`, and why; it is then noted as the transfer's end,
    /// which the client makes (outside curl's calls) with `CURLE_OPERATION_TIMEDOUT`. Time curl spends held back on
    /// the gateway's side does not count as the upstream's silence.
    func expiry(now: UInt64) -> Expiry? {
        guard self.watched, self.recipient != nil else { return nil }
        if self.machine.isHeldBack {
            self.lastProgress = now
        } else if now >= self.lastProgress + UInt64(self.totalTimeoutMilliseconds) {
            self.expired = .silence
        }
        if self.expired == nil, let deadline = self.deadline, now >= deadline { self.expired = .deadline }
        return self.expired
    }

    /// curl was let go after a pause: the upstream's silence counts from now.
    func unpaused() {
        self.lastProgress = self.loop.now
    }

    fileprivate func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Int {
        self.lastProgress = self.loop.now
        let streams = self.machine.streams
        guard self.response.addHeaderLine(bytes, limit: streams ? 0 : self.responseBodyLimit) else { return 0 }
        if self.response.isHeadComplete {
            self.machine.headEnded()
            if streams || self.answeredBeforeRequestBodySent { self.noteNews() }
        }
        return bytes.count
    }

    fileprivate func sendBody(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, self.requestBody.count - self.requestBodyOffset)
        if count == 0, self.streamsRequestBody, !self.requestBodyEnded {
            // Nothing supplied yet: curl waits, without a busy loop, until bytes or the end are.
            self.machine.bodyStarved()
            return Int(CURL_READFUNC_PAUSE)
        }
        guard count > 0 else { return 0 }
        self.lastProgress = self.loop.now
        self.requestBody.withUnsafeBytes { source in
            buffer.copyMemory(
                from: UnsafeRawBufferPointer(
                    rebasing: source[self.requestBodyOffset..<(self.requestBodyOffset + count)]
                )
            )
        }
        self.requestBodyOffset += count
        if self.takesRequestBodyAgain { self.noteNews() }
        return count
    }
}

/// Opens a socket for curl as curl would, telling the handle of it, or of a process or system out of descriptors.
private let easyOpenSocketCallback: curl_opensocket_callback = { context, _, address in
    guard let address else { return CURL_SOCKET_BAD }
    let fd = socket(address.pointee.family, address.pointee.socktype, address.pointee.protocol)
    let handle = Unmanaged<EasyHandle>.fromOpaque(context!).takeUnretainedValue()
    guard fd >= 0 else {
        if errno == EMFILE || errno == ENFILE { handle.noteOutOfDescriptors() }
        return CURL_SOCKET_BAD
    }
    handle.socketOpened(fd)
    return fd
}

private let easyWriteCallback: curl_write_callback = { data, size, count, context in
    let handle = Unmanaged<EasyHandle>.fromOpaque(context!).takeUnretainedValue()
    return handle.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
}

private let easyHeaderCallback: curl_write_callback = { data, size, count, context in
    let handle = Unmanaged<EasyHandle>.fromOpaque(context!).takeUnretainedValue()
    return handle.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
}

private let easyReadCallback: curl_read_callback = { data, size, count, context in
    let handle = Unmanaged<EasyHandle>.fromOpaque(context!).takeUnretainedValue()
    return handle.sendBody(into: UnsafeMutableRawBufferPointer(start: data, count: size * count))
}
