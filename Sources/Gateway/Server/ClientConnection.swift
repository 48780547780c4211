import Clients
import CurlClient
import EventLoop
import Glibc
import NIOPosix
import Usage
import Versioning

/// One client connection: frames its requests, runs each through the pipeline and curl, writes the responses.
///
/// Requests on a connection are served one at a time, in order; pipelined requests wait in the input buffer
/// until the response before them is written. Its phase, deadlines and when it closes are decided by a
/// ``ConnectionStateMachine``; this class does the I/O. Concurrency: confined to its worker's loop thread.
final class ClientConnection: IOHandler {
    /// Stop reading from a client that keeps sending while its request is upstream, beyond this many bytes.
    private static let pauseReadingAbove = 1 << 20
    /// Pause a relayed transfer while this many bytes wait for the client; resume it below half as many.
    static let relayHighWater = 256 * 1024

    /// A response whose body is relayed from the upstream as it arrives.
    private struct Relay {
        /// Which of the worker's upstream clients runs the transfer.
        var upstream: Int
        var framing: RelayFraming
        var status: Int
        /// Body bytes relayed so far.
        var bytes = 0
        /// Whether the transfer is paused until the client has read more.
        var backedUp = false
    }

    let fd: Int32
    private var client: ClientAddress
    unowned let worker: GatewayWorker
    private var machine: ConnectionStateMachine
    private var input = InputBuffer()
    private var framer: RequestFramer
    /// The request being served, from its head until its response starts.
    private var current: InFlightRequest?
    private var output = OutputQueue()
    /// Whether the output is written at the end of this loop turn (see ``scheduleFlush()``).
    private var flushScheduled = false
    /// The current request to the API, as the ledger and the access log will record it; nil when nothing is
    /// recorded (see ClientConnection+Recording.swift).
    var record: ExchangeRecord?
    /// When the current request went upstream (monotonic nanoseconds).
    private var upstreamStart: UInt64 = 0
    /// The response being relayed; nil otherwise.
    private var relay: Relay?
    /// The HTTP/1.x minor version of the request being answered, which decides how keep-alive is said.
    private var clientMinorVersion = 1
    private var isProcessingInput = false
    private var interest: IOEvents = .readable
    /// Whether a body streaming upstream waits for its transfer to take more: the connection reads no further part.
    private var uploadBlocked = false
    /// The ticket of work queued off the loop for this connection, cancelled when it closes.
    private var offLoopTicket: OffLoopTicket?
    /// Bytes of the loop's ``BufferBudget`` the current exchange holds (its request body, its response's), given
    /// back once its response is written or the connection closes.
    private var budgeted = 0

    init(fd: Int32, clientAddress: String, worker: GatewayWorker) {
        self.fd = fd
        self.client = ClientAddress(clientAddress)
        self.worker = worker
        self.framer = RequestFramer(limits: worker.pipeline.configuration.limits)
        self.machine = ConnectionStateMachine(timeouts: worker.connectionTimeouts, now: worker.loop.now)
    }

    func handle(_ events: IOEvents) {
        if events.contains(.error) || (events.contains(.hangup) && self.machine.hasInputEnded) {
            // The socket failed, or both directions are shut: nothing can be written any more.
            self.close()
            return
        }
        if events.contains(.writable) {
            self.flush()
        }
        if !events.isDisjoint(with: [.readable, .hangup]), !self.machine.hasInputEnded {
            self.receive()
        }
    }

    /// Closes the connection or answers `408` when a deadline has passed (see ``ConnectionStateMachine``).
    func expire(now: UInt64) {
        self.perform(self.machine.expire(now: now))
    }

    /// Graceful shutdown: a connection with no request in flight closes now, a busy one after its response (or,
    /// when that response was framed to keep the connection before the drain, after the one request the client may
    /// already have sent behind it; see ``ConnectionStateMachine``).
    func drain() {
        self.perform(self.machine.drain())
    }

    /// Reserves `bytes` of the loop's budget for the current exchange; false when they do not fit.
    private func holdInBudget(_ bytes: Int) -> Bool {
        guard self.worker.budget.reserve(bytes) else { return false }
        self.budgeted += bytes
        return true
    }

    /// Gives back what the exchange held of the loop's budget.
    private func releaseBudget() {
        self.worker.budget.release(self.budgeted)
        self.budgeted = 0
    }

    func close() {
        switch self.machine.phase {
        case .closed:
            return
        case .forwarding(let transfer), .uploading(let transfer, _):
            if let transfer, let upstream = self.current?.exchange.upstream {
                self.worker.curls[upstream].cancel(transfer)
            }
        case .relaying(let transfer, _):
            if let transfer, let upstream = self.relay?.upstream { self.worker.curls[upstream].cancel(transfer) }
            // A download the client abandoned is still one the ledger and the access log count, with what it got.
            if let relay = self.relay { self.finishRecord(status: relay.status, bytesOut: relay.bytes) }
            self.relay = nil
        case .idle, .readingHead, .readingBody, .answering, .writing:
            break
        }
        self.machine.closed()
        self.offLoopTicket?.cancel()
        self.releaseBudget()
        self.worker.loop.deregister(self.fd)
        Glibc.close(self.fd)
        self.worker.connectionClosed(self)
    }

    private func perform(_ action: ConnectionStateMachine.Action) {
        switch action {
        case .none:
            break
        case .close:
            self.close()
        case .stopReading:
            self.updateInterest()
        case .readNext:
            self.uploadBlocked = false
            self.processInput()
            self.updateInterest()
        case .answerRequestTimeout:
            let part = self.current == nil ? "head" : "body"
            self.refuse(with: .requestTimeout(part: part))
        }
    }

    private func receive() {
        let buffer = self.worker.readBuffer
        let count = read(self.fd, buffer.baseAddress, buffer.count)
        if count > 0 {
            self.input.append(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            self.machine.received(now: self.worker.loop.now)
            self.processInput()
            self.updateInterest()
        } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
            // The client shut down its sending side (or the socket failed): a whole request is still answered.
            self.perform(self.machine.inputEnded())
        }
    }

    private func processInput() {
        guard !self.isProcessingInput else { return }
        self.isProcessingInput = true
        defer { self.isProcessingInput = false }
        while self.machine.isReceiving, !self.uploadBlocked {
            let event: RequestFramer.Event
            do {
                event = try self.framer.next(&self.input)
            } catch {
                self.refuse(with: .badRequest(error))
                return
            }
            switch event {
            case .needMoreData:
                self.perform(self.machine.needsMoreInput())
                return
            case .head(let head, let framing):
                self.begin(head, framing: framing)
            case .body(let body):
                self.forward(body)
            case .bodyPart(let part):
                self.upload(part)
            case .bodyEnd:
                self.endUpload()
            }
        }
    }

    private func begin(_ head: RequestHead, framing: BodyFraming) {
        self.clientMinorVersion = head.minorVersion
        let decision = self.worker.pipeline.route(
            head,
            clients: self.worker.clientSnapshot,
            upstreamHealth: { self.worker.curls.map(\.health) }
        )
        switch decision {
        case .respond(let response):
            self.answerWithoutUpstream(head, framing: framing, response)
        case .respondLater(let work):
            self.answerLater(head, framing: framing, work)
        case .refuse(let response, let requested, let served, let client):
            if let client { self.worker.noteServed(client) }
            self.begin(recording: head, requested: requested, served: served, client: client?.id)
            self.finishRecord(response)
            self.answerWithoutUpstream(head, framing: framing, response)
        case .forward(let exchange):
            self.machine.headRead(now: self.worker.loop.now)
            self.current = InFlightRequest(head: head, framing: framing, exchange: exchange)
            if let client = exchange.client { self.worker.noteServed(client) }
            self.begin(
                recording: head,
                requested: RequestedVersion(exchange.requested),
                served: exchange.version,
                client: exchange.client?.id
            )
            if self.streamsBody(head, framing, exchange: exchange) {
                self.startUpload(head, framing: framing)
                guard case .uploading = self.machine.phase else { return }
            } else if case .length(let length) = framing, !self.holdInBudget(length) {
                // A declared body is admitted whole or not at all; a chunked one when it is complete (see `forward`).
                let problem = self.worker.pipeline.problem(.overBudget, stamp: exchange.stamp)
                self.finishRecord(problem)
                self.answerWithoutUpstream(head, framing: framing, problem)
                return
            }
            if framing != .none, head.minorVersion == 1, head.headers.first("expect") != nil, self.input.isEmpty {
                self.sendContinue()
            }
        }
    }

    /// Whether a request body goes upstream as it arrives rather than whole: when no change concerns it (no plan and
    /// no preview to walk it, or a body declared another media type than JSON, which neither reads), and it has not
    /// all arrived with its head or is longer than the gateway holds bodies (a small one is cheaper sent whole).
    private func streamsBody(_ head: RequestHead, _ framing: BodyFraming, exchange: RequestPipeline.Exchange) -> Bool {
        guard (exchange.plan.isEmpty && exchange.preview == nil) || head.declaresNonJSONBody else {
            return false
        }
        switch framing {
        case .none: return false
        case .chunked: return true
        case .length(let length):
            return length > self.input.readableCount || length > self.worker.pipeline.configuration.limits.maxBodyBytes
        }
    }

    /// Sends the request upstream at once; its body follows as it arrives (see `upload` and `endUpload`), outside
    /// the budget: at most a window of it waits at a time.
    private func startUpload(_ head: RequestHead, framing: BodyFraming) {
        guard let current = self.current else { return }
        self.framer.streamBody()
        let preparation = self.worker.pipeline.upstreamRequest(
            for: head,
            body: [],
            framing: framing,
            exchange: current.exchange,
            client: &self.client
        )
        if case .respond(let response) = preparation {
            self.finishRecord(response)
            self.answerWithoutUpstream(head, framing: framing, response)
            return
        }
        let length = if case .length(let length) = framing { length } else { 0 }
        self.proceed(with: preparation, bodyBytes: 0, streamedBody: framing == .chunked ? .chunked : .length(length))
    }

    /// Hands the next part of a streaming body to its transfer; stops reading while the transfer holds enough.
    private func upload(_ part: [UInt8]) {
        guard case .uploading(let transfer?, _) = self.machine.phase, let upstream = self.current?.exchange.upstream
        else { return }
        self.record?.bytesIn += part.count
        self.machine.uploadProgressed(now: self.worker.loop.now)
        let welcome = part.withUnsafeBytes { self.worker.curls[upstream].supplyBody($0, to: transfer) }
        if !welcome { self.uploadBlocked = true }
    }

    private func endUpload() {
        guard case .uploading(let transfer?, _) = self.machine.phase, let upstream = self.current?.exchange.upstream
        else { return }
        self.uploadBlocked = false
        self.machine.uploaded()
        self.worker.curls[upstream].finishBody(of: transfer)
    }

    private func answerWithoutUpstream(_ head: RequestHead, framing: BodyFraming, _ response: GatewayResponse) {
        self.current = nil
        // The body of a request answered without the upstream is not read; the connection cannot carry on.
        let unreadBody = framing != .none && framing != .length(0)
        self.respond(response, headOnly: head.method == "HEAD", keepAlive: head.wantsKeepAlive, unreadBody: unreadBody)
    }

    /// Answers once `work` has run off the loop (in a detached task), back on the loop; the connection reads no
    /// further request meanwhile.
    private func answerLater(
        _ head: RequestHead,
        framing: BodyFraming,
        _ work: @escaping @Sendable () async -> GatewayResponse
    ) {
        self.current = nil
        self.machine.answering(unreadBody: framing != .none && framing != .length(0))
        let delivery = DeferredDelivery(self)
        let (headOnly, keepAlive) = (head.method == "HEAD", head.wantsKeepAlive)
        Task.detached {
            let response = await work()
            delivery.loop.execute { delivery.connection.deliver(response, headOnly: headOnly, keepAlive: keepAlive) }
        }
    }

    private func forward(_ body: [UInt8]) {
        guard let current = self.current else { return }
        if current.framing == .chunked, !self.holdInBudget(body.count) {
            self.finish(
                current.head,
                current.exchange,
                with: self.worker.pipeline.problem(.overBudget, stamp: current.exchange.stamp)
            )
            return
        }
        let coded = !current.head.headers.values("content-encoding").isEmpty
        guard !current.exchange.plan.isEmpty, self.worker.translatesOffLoop(bodyBytes: body.count, coded: coded) else {
            let preparation = self.worker.pipeline.upstreamRequest(
                for: current.head,
                body: body,
                framing: current.framing,
                exchange: current.exchange,
                client: &self.client
            )
            self.proceed(with: preparation, bodyBytes: body.count)
            return
        }
        // A large (or coded) body is translated off the loop, so that the loop's other connections are served.
        let (pipeline, client) = (self.worker.pipeline, self.client)
        let (head, framing, exchange) = (current.head, current.framing, current.exchange)
        self.offLoop {
            var client = client
            let preparation = pipeline.upstreamRequest(
                for: head,
                body: body,
                framing: framing,
                exchange: exchange,
                client: &client
            )
            return (preparation: preparation, client: client)
        } then: { connection, translated in
            connection.client = translated.client
            connection.proceed(with: translated.preparation, bodyBytes: body.count)
        }
    }

    /// Runs `work` on the translation pool, so that the loop's other connections are served meanwhile, and
    /// `deliver` with its output back on the loop, unless the connection closed in between (then neither runs, if
    /// `work` had not started).
    private func offLoop<Output: Sendable>(
        _ work: @escaping @Sendable () -> Output,
        then deliver: @escaping @Sendable (ClientConnection, Output) -> Void
    ) {
        self.machine.answering(unreadBody: false)
        let ticket = OffLoopTicket()
        self.offLoopTicket = ticket
        let delivery = DeferredDelivery(self)
        self.worker.translationPool.submit { state in
            guard state == .active, !ticket.isCancelled else { return }
            let output = work()
            delivery.loop.execute {
                guard delivery.connection.machine.phase == .answering else { return }
                deliver(delivery.connection, output)
            }
        }
    }

    /// Sends the prepared request upstream, or answers when the pipeline answered it.
    /// - Parameter streamedBody: set for a body that follows as it arrives (the request is sent without one).
    private func proceed(
        with preparation: RequestPipeline.UpstreamPreparation,
        bodyBytes: Int,
        streamedBody: UpstreamRequest.StreamedBody? = nil
    ) {
        guard let current = self.current else { return }
        switch preparation {
        case .respond(let response):
            self.finish(current.head, current.exchange, with: response)
        case .send(var request, let plan, let exchange):
            current.plan = plan
            current.exchange = exchange
            if let streamedBody {
                request.body = nil
                request.streamedBody = streamedBody
                self.machine.uploading(nil)
            } else {
                self.machine.forwarding(nil)
            }
            if self.record != nil {
                self.record?.bytesIn = bodyBytes
                if let id = self.record?.requestID, current.head.headers.values("x-request-id") != [id] {
                    // The client sent none, or one unfit to log: the upstream gets the gateway's instead.
                    request.headers.removeAll { HTTPSyntax.asciiLowercased($0.name) == "x-request-id" }
                    request.headers.append((name: "X-Request-ID", value: id))
                }
                self.upstreamStart = self.worker.loop.nowNanoseconds
            }
            // A response no change concerns is relayed as it arrives, under no limit: with no plan (and no preview to
            // walk it), always; with one, when its head says that no change concerns its body.
            let curl = self.worker.curls[current.exchange.upstream]
            let transfer =
                if exchange.preview != nil || exchange.isHead {
                    curl.execute(request, handler: self)
                } else if plan == nil {
                    curl.stream(request, to: self)
                } else {
                    curl.start(request, decidingAtHead: self)
                }
            switch self.machine.phase {
            case .forwarding: self.machine.forwarding(transfer)
            case .uploading: self.machine.uploading(transfer)
            default: break
            }
        }
    }

    /// Answers a forwarded request (from the upstream, or with a problem when its body could not be translated), and
    /// records it.
    fileprivate func finish(_ head: RequestHead, _ exchange: RequestPipeline.Exchange, with response: GatewayResponse) {
        self.current = nil
        self.recordAnswer(response, exchange: exchange)
        self.finishRecord(response, headOnly: exchange.isHead)
        self.respond(response, headOnly: exchange.isHead, keepAlive: head.wantsKeepAlive)
    }

    /// Records which changes the answer to `exchange` met, and what it was compared with.
    private func recordAnswer(_ response: GatewayResponse, exchange: RequestPipeline.Exchange) {
        guard self.record != nil else { return }
        var fired = response.firedChanges.isEmpty ? exchange.firedChanges : response.firedChanges
        if let previewed = response.previewedChanges { fired.formUnion(previewed) }
        self.record?.fired = fired
        if self.record?.upstreamStatus != nil {
            self.record?.evaluation = exchange.evaluation(previewed: response.previewIsComplete)
        }
    }

    /// Records what the upstream said of the current request, or how its transfer failed.
    private func recordUpstream(_ result: Result<Int, CurlClientError>) {
        guard self.record != nil else { return }
        self.record?.upstreamNanoseconds = self.worker.loop.nowNanoseconds - self.upstreamStart
        switch result {
        case .success(let status): self.record?.upstreamStatus = status
        case .failure(let error):
            self.record?.upstreamFailure = error.kind
            self.record?.failure = error.message
        }
    }

    /// Answers a request that could not be received (the framer refused it, or it missed its deadline), and closes
    /// after. One whose head was routed (its body too large, say) is recorded under its versions; a head that could
    /// not be read at all is not a request to the API.
    private func refuse(with problem: GatewayProblem) {
        let version = self.current?.exchange.version
        self.current = nil
        let response = self.worker.pipeline.problem(problem, version: version)
        self.finishRecord(response)
        self.respond(response, headOnly: false, keepAlive: false)
    }

    fileprivate func respond(_ response: GatewayResponse, headOnly: Bool, keepAlive: Bool, unreadBody: Bool = false) {
        self.machine.responding(
            now: self.worker.loop.now,
            keepAlive: keepAlive,
            unreadBody: unreadBody,
            draining: self.worker.isDraining,
            lastInput: self.input.isEmpty
        )
        self.output.enqueue(
            ResponseSerializer.serialize(
                response,
                headOnly: headOnly,
                keepAlive: self.machine.keepsAlive,
                dateLine: self.worker.dateField.currentLine(),
                clientMinorVersion: self.clientMinorVersion
            )
        )
        self.scheduleFlush()
    }

    /// Sends an answer prepared off the loop, unless the client has gone meanwhile.
    fileprivate func deliver(_ response: GatewayResponse, headOnly: Bool, keepAlive: Bool) {
        guard self.machine.phase == .answering else { return }
        self.respond(response, headOnly: headOnly, keepAlive: keepAlive)
    }

    /// `100 Continue` for a client that waits for it before sending its body (RFC 9110 §10.1.1). Best effort:
    /// if the socket cannot take these few bytes now, the client sends its body after its own timeout anyway.
    private func sendContinue() {
        let interim = "HTTP/1.1 100 Continue\r\n\r\n"
        _ = interim.utf8.withContiguousStorageIfAvailable {
            send(self.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
        }
    }

    /// Writes the output at the end of this loop turn rather than now, so that the responses a turn completes go out
    /// in one burst. A peer waiting on many connections (a client's pool, a load generator) is then woken once for
    /// them rather than once per response, and on a virtual machine that wake-up costs more than the write itself.
    /// Writes that carry on a relayed body are not deferred: they go at once, after what waits.
    private func scheduleFlush() {
        guard !self.flushScheduled else { return }
        self.flushScheduled = true
        self.worker.loop.runAtTurnEnd(self)
    }

    private func flush() {
        switch self.machine.phase {
        case .writing, .relaying: self.wrote(self.output.write(to: self.fd))
        default: break
        }
    }

    /// Carries on after a write to the client: closes a failed connection, waits for the socket, resumes a relayed
    /// transfer the client has caught up with, or finishes a written response.
    private func wrote(_ outcome: OutputQueue.WriteOutcome) {
        if outcome != .failed, case .relaying(let transfer, _) = self.machine.phase {
            self.machine.wrote(now: self.worker.loop.now)
            if let transfer, let relay = self.relay, relay.backedUp,
                self.output.byteCount < Self.relayHighWater / 2
            {
                self.relay?.backedUp = false
                // May relay more, or end the relay, from inside: nothing below depends on the phase before it.
                self.worker.curls[relay.upstream].resume(transfer)
            }
            self.updateInterest()
            return
        }
        switch outcome {
        case .failed:
            self.close()
        case .pending:
            self.machine.wrote(now: self.worker.loop.now)
            self.updateInterest()
        case .drained:
            self.releaseBudget()
            self.perform(self.machine.written(now: self.worker.loop.now, inputPending: !self.input.isEmpty))
        }
    }

    private func updateInterest() {
        guard self.machine.phase != .closed else { return }
        var wanted: IOEvents = []
        if !self.machine.hasInputEnded,
            (self.machine.isReceiving && !self.uploadBlocked) || self.input.readableCount < Self.pauseReadingAbove
        {
            wanted.insert(.readable)
        }
        // Output the end of the turn writes needs no readiness yet: only what a write left over does.
        if !self.output.isEmpty, !self.flushScheduled { wanted.insert(.writable) }
        if wanted != self.interest {
            self.interest = wanted
            do {
                try self.worker.loop.reregister(self.fd, interest: wanted)
            } catch {
                self.close()
            }
        }
    }
}

extension ClientConnection: UpstreamResponseHandler {
    func upstreamTransfer(finishedWith result: Result<UpstreamResponse, CurlClientError>) {
        guard self.machine.awaitsResponse, let current = self.current else {
            if case .success(let upstream) = result { self.worker.budget.release(upstream.budgetedBytes) }
            return
        }
        if case .success(let upstream) = result { self.budgeted += upstream.budgetedBytes }
        self.recordUpstream(result.map(\.status))
        guard case .success(let upstream) = result, let plan = current.plan,
            self.worker.translatesOffLoop(bodyBytes: upstream.body.count, coded: ClientCoding.isCoded(upstream))
        else {
            let response = self.worker.pipeline.response(for: result, exchange: current.exchange, plan: current.plan)
            self.finish(current.head, current.exchange, with: response)
            return
        }
        // A large (or coded) body is translated off the loop, so that the loop's other connections are served.
        let (pipeline, exchange) = (self.worker.pipeline, current.exchange)
        self.offLoop {
            pipeline.response(for: result, exchange: exchange, plan: plan)
        } then: { connection, response in
            guard let current = connection.current else { return }
            connection.finish(current.head, current.exchange, with: response)
        }
    }
}

extension ClientConnection: UpstreamResponseRecipient {
    func upstreamTransferCollectsBody(after head: UpstreamResponseHead) -> Bool {
        guard let current = self.current else { return true }
        return self.worker.pipeline.holdsBody(of: head, exchange: current.exchange)
    }
}

extension ClientConnection: TurnEndTask {
    func turnEnded() {
        self.flushScheduled = false
        self.flush()
    }
}

extension ClientConnection: UpstreamStreamConsumer {
    func upstreamTransferTakesRequestBody() {
        self.upstreamStreamTakesRequestBody()
    }

    func upstreamStreamTakesRequestBody() {
        guard self.uploadBlocked else { return }
        self.uploadBlocked = false
        // The client was not read while the upstream held enough: that silence was the gateway's.
        self.machine.uploadProgressed(now: self.worker.loop.now)
        self.processInput()
        self.updateInterest()
    }

    func upstreamStream(receivedHead head: UpstreamResponseHead, body: UnsafeRawBufferPointer) -> Bool {
        guard self.machine.awaitsResponse, let current = self.current else { return true }
        self.current = nil
        self.recordUpstream(.success(head.status))
        let response = self.worker.pipeline.relayedResponse(to: head, exchange: current.exchange, plan: current.plan)
        self.recordAnswer(response, exchange: current.exchange)
        let framing = RelayFraming(
            status: head.status,
            length: head.contentLength,
            headOnly: false,
            clientMinorVersion: current.head.minorVersion
        )
        self.relay = Relay(upstream: current.exchange.upstream, framing: framing, status: response.status)
        self.machine.relaying(
            now: self.worker.loop.now,
            keepAlive: current.head.wantsKeepAlive && framing != .untilClose,
            draining: self.worker.isDraining,
            lastInput: self.input.isEmpty
        )
        // A small body (often all of it) travels with the head, in one write.
        let inline = body.count <= ResponseSerializer.inlineBodyLimit ? body.count : 0
        var bytes = ResponseSerializer.serialize(
            response,
            headOnly: false,
            keepAlive: self.machine.keepsAlive,
            dateLine: self.worker.dateField.currentLine(),
            relayFraming: framing,
            clientMinorVersion: self.clientMinorVersion,
            reservingFollowingBytes: inline + RelayFraming.chunkOverhead
        ).head
        framing.append(UnsafeRawBufferPointer(rebasing: body[..<inline]), to: &bytes)
        self.relay?.bytes = inline
        self.output.enqueue(bytes)
        self.scheduleFlush()
        return self.relayBody(UnsafeRawBufferPointer(rebasing: body[inline...]))
    }

    func upstreamStream(received body: UnsafeRawBufferPointer) -> Bool {
        self.relayBody(body)
    }

    /// Writes relayed body bytes (straight from curl's delivery when the socket takes them); false when enough waits
    /// for the client that the transfer should pause.
    private func relayBody(_ body: UnsafeRawBufferPointer) -> Bool {
        guard case .relaying = self.machine.phase, let relay = self.relay else { return true }
        if !body.isEmpty, relay.framing != .none {
            self.relay?.bytes += body.count
            let outcome =
                relay.framing == .chunked
                ? relay.framing.frame(body).withUnsafeBytes { self.output.write($0, to: self.fd) }
                : self.output.write(body, to: self.fd)
            self.wrote(outcome)
        }
        guard case .relaying = self.machine.phase else { return true }
        let ready = self.output.byteCount < Self.relayHighWater
        if !ready { self.relay?.backedUp = true }
        return ready
    }

    func upstreamStream(endedWith error: CurlClientError?) {
        switch self.machine.phase {
        case .forwarding, .uploading:
            // Before any head: answered with a problem, as a collected transfer's failure is.
            let failure = error ?? CurlClientError(kind: .protocolError, message: "the upstream sent no response")
            self.upstreamTransfer(finishedWith: .failure(failure))
        case .relaying:
            guard let relay = self.relay else { return }
            if let error {
                // The head is out, or goes now with what waits for the end of the turn (a client reset before any
                // byte may retry the request, and the upstream would see it twice): only breaking the connection
                // tells the client its body is incomplete. A reset, not a close: where the body ends with the
                // connection (HTTP/1.0), a close would read as its end. Closing records the relay with the bytes it
                // sent.
                self.recordUpstream(.failure(error))
                _ = self.output.write(to: self.fd)
                var reset = linger(l_onoff: 1, l_linger: 0)
                setsockopt(self.fd, SOL_SOCKET, SO_LINGER, &reset, socklen_t(MemoryLayout<linger>.size))
                self.close()
                return
            }
            self.relay = nil
            self.finishRecord(status: relay.status, bytesOut: relay.bytes)
            self.output.enqueue(relay.framing.end)
            self.machine.relayEnded(now: self.worker.loop.now)
            self.scheduleFlush()
        default:
            break
        }
    }
}

/// Carries a connection to work done off its loop and back: the connection is only touched on its loop, through
/// ``EventLoop/execute(_:)``.
private final class DeferredDelivery: @unchecked Sendable {
    let connection: ClientConnection
    let loop: EventLoop

    init(_ connection: ClientConnection) {
        self.connection = connection
        self.loop = connection.worker.loop
    }
}
