import ContentCoding
import CurlClient
import Versioning

/// Forwarding: the request as its upstream gets it, and the response as the client gets it.
extension RequestPipeline {
    /// The request as the upstream gets it: hygiene applied, and translated to the upstream's version.
    public func upstreamRequest(
        for head: RequestHead,
        body: [UInt8],
        framing: BodyFraming,
        exchange: Exchange,
        client: inout ClientAddress
    ) -> UpstreamPreparation {
        var headers = ProxyHygiene.upstreamHeaders(
            for: head,
            client: &client,
            versionHeader: self.configuration.versionHeaderName,
            canonicalVersionHeader: self.versionHeader,
            upstreamVersion: exchange.upstreamVersion.description,
            via: head.minorVersion == 0 ? self.via?.http10 : self.via?.http11
        )
        self.identify(exchange.client, in: &headers)
        let sendsBody = framing != .none || ["POST", "PUT", "PATCH"].contains(head.method)
        let bodyIsJSON = !head.declaresNonJSONBody
        let target = exchange.target ?? head.target
        var exchange = exchange
        self.walkPreview(of: head, target: target, body: sendsBody && bodyIsJSON ? body : nil, exchange: &exchange)
        var request = UpstreamRequest(
            method: head.method,
            target: self.upstreamTarget(target, exchange: exchange),
            headers: headers,
            body: sendsBody ? body : nil
        )
        guard !exchange.plan.isEmpty else { return .send(request, nil, exchange) }
        // The body may be read whole and rewritten: it is held to the body limit, in a coding the gateway decodes.
        request.maxResponseBodyBytes = self.configuration.limits.maxBodyBytes
        exchange.acceptsGzip = AcceptEncoding.acceptsGzip(head.headers.values("accept-encoding"))
        let upstreamCondition = { [exchange] (value: String) in
            EntityTags.upstreamCondition(value, version: exchange.version, acceptsGzip: exchange.acceptsGzip)
        }
        // One pass: the client's codings and ranges stay behind, its entity tags become the upstream's.
        var upstreamHeaders: [(name: String, value: String)] = []
        upstreamHeaders.reserveCapacity(request.headers.count + 1)
        for field in request.headers {
            let named = { (canonical: String) in HTTPSyntax.nameEquals(field.name, canonical) }
            if named("accept-encoding") || named("range") || named("if-range") { continue }
            if named("if-none-match") {
                if let condition = upstreamCondition(field.value) { upstreamHeaders.append((field.name, condition)) }
            } else if named("if-match") {
                upstreamHeaders.append((field.name, upstreamCondition(field.value) ?? EntityTags.unmatchable))
            } else {
                upstreamHeaders.append(field)
            }
        }
        upstreamHeaders.append(
            (name: "Accept-Encoding", value: ClientCoding.upstreamAcceptEncoding(acceptsGzip: exchange.acceptsGzip))
        )
        request.headers = upstreamHeaders
        do {
            let (translation, decoded) = try self.translatedRequest(
                head,
                target: target,
                body: bodyIsJSON ? request.body : nil,
                exchange: exchange
            )
            request.target = self.upstreamTarget(translation.target, exchange: exchange)
            if bodyIsJSON { request.body = translation.body }
            exchange.firedChanges = translation.firedChanges
            if decoded || translation.rewroteBody {
                request.headers.removeAll { RepresentationFields.describingRequestBytes.contains($0.name) }
            }
            if !translation.headerRenames.isEmpty {
                request.headers = request.headers.map { field in
                    (translation.headerRenames.apply(to: field.name, fired: &exchange.firedChanges), field.value)
                }
            }
            return .send(request, translation.responsePlan, exchange)
        } catch {
            return .respond(self.problem(error, stamp: exchange.stamp))
        }
    }

    /// `target` as the upstream gets it: under the upstream's version prefix (`/v2/…`, whatever the client
    /// named) when the prefix is kept, for an upstream that routes on it.
    private func upstreamTarget(_ target: String, exchange: Exchange) -> String {
        guard self.configuration.versionSources.keepsPathPrefix else { return target }
        return "/\(exchange.upstreamVersion)" + target
    }

    /// An upstream path as the client links to it: without the upstream's kept prefix, and in the client's version.
    private func clientPath(_ path: String, exchange: Exchange, plan: ResponsePlan?) -> String {
        var path = path[...]
        let upstreamPrefix = "/\(exchange.upstreamVersion)"
        if self.configuration.versionSources.keepsPathPrefix, path.hasPrefix(upstreamPrefix),
            path.dropFirst(upstreamPrefix.count).first.map({ $0 == "/" }) ?? true
        {
            path = path.dropFirst(upstreamPrefix.count)
            if path.isEmpty { path = "/" }
        }
        return plan.map { self.translator.translatePath(String(path), method: "GET", plan: $0) } ?? String(path)
    }

    /// Whether a change may concern the body of the response `head` starts, for a request sent along a response plan:
    /// then the body is held whole, to be translated (or decoded), under the body limit; else it is relayed as it
    /// arrives (``relayedResponse(to:exchange:plan:)``). Changes concern successful JSON bodies (declared so, or not
    /// declared); a `206` is held to be refused (the upstream was asked for no range), and a body in a coding the
    /// client does not take is held to be decoded.
    public func holdsBody(of head: UpstreamResponseHead, exchange: Exchange) -> Bool {
        if (200..<300).contains(head.status), !JSONMediaType.declaresOther(in: head.headerBlock) { return true }
        return head.status == 206 || ClientCoding.relaying(head.headerBlock, acceptsGzip: exchange.acceptsGzip) == nil
    }

    /// The head of a response whose body is relayed as it arrives, as the client gets it: as
    /// ``response(for:exchange:plan:)`` makes it, for a body no change concerns, passed on in the upstream's coding
    /// (see ``holdsBody(of:exchange:)``). The body's framing is the caller's.
    public func relayedResponse(
        to head: UpstreamResponseHead,
        exchange: Exchange,
        plan: ResponsePlan?
    ) -> GatewayResponse {
        let coding =
            plan == nil ? .identity : ClientCoding.relaying(head.headerBlock, acceptsGzip: exchange.acceptsGzip)
        var response = self.clientResponse(
            UpstreamResponse(status: head.status, reason: head.reason, headerBlock: head.headerBlock, body: []),
            exchange: exchange,
            plan: plan,
            describesOtherBytes: false,
            coding: coding ?? .identity,
            fired: exchange.firedChanges
        )
        response.delivery = .relayed(length: head.contentLength)
        return response
    }

    /// The response as the client gets it: hygiene applied, stamped, and a successful JSON body translated back to
    /// the client's version along `plan` (error bodies, and bodies of another media type, pass untouched).
    public func response(
        for result: Result<UpstreamResponse, CurlClientError>,
        exchange: Exchange,
        plan: ResponsePlan? = nil
    ) -> GatewayResponse {
        switch result {
        case .success(var upstream):
            // A HEAD answer describes the upstream's GET body, which a client of another version would get translated.
            var describesOtherBytes = plan != nil && exchange.isHead
            var fired = exchange.firedChanges
            var coding = ClientCoding.identity
            if plan != nil {
                do {
                    coding = try ClientCoding.decoding(
                        &upstream,
                        acceptsGzip: exchange.acceptsGzip,
                        limit: self.configuration.limits.maxBodyBytes
                    )
                } catch {
                    return self.problem(error, stamp: exchange.stamp)
                }
                // The upstream was not asked for a range: a partial answer would be read as the whole body.
                if upstream.status == 206 {
                    return self.problem(.upstreamInvalid("206 to a request without Range"), stamp: exchange.stamp)
                }
            }
            if let plan, !exchange.isHead, (200..<300).contains(upstream.status),
                !JSONMediaType.declaresOther(in: upstream.headerBlock)
            {
                do {
                    if let translated = try self.translator.translateResponse(
                        body: upstream.body,
                        plan: plan,
                        fired: &fired
                    ) {
                        upstream.body = translated
                        describesOtherBytes = true
                    }
                } catch {
                    return self.problem(.untranslatableResponseBody(reason: error.description), stamp: exchange.stamp)
                }
            }
            return self.clientResponse(
                upstream,
                exchange: exchange,
                plan: plan,
                describesOtherBytes: describesOtherBytes,
                coding: coding,
                fired: fired
            )
        case .failure(let error):
            let problem = GatewayProblem(error, timeoutSeconds: self.configuration.upstreamTimeoutSeconds)
            return self.problem(problem, stamp: exchange.stamp)
        }
    }

    /// `upstream`, its body decoded or translated as it is to be sent, with the fields the client gets: hygiene,
    /// and for a request sent along `plan`, the fields that described other bytes gone, renamed fields, a marked
    /// entity tag, `Vary`, and its links in the client's version; then stamped, answered for a preview, and coded.
    /// - Parameters:
    ///   - describesOtherBytes: whether the body (or for a `HEAD` answer, the GET body) is not the upstream's.
    ///   - fired: the changes fired so far; the header renames add theirs.
    private func clientResponse(
        _ upstream: UpstreamResponse,
        exchange: Exchange,
        plan: ResponsePlan?,
        describesOtherBytes: Bool,
        coding: ClientCoding,
        fired: FiredChanges
    ) -> GatewayResponse {
        var fired = fired
        var carriesDate = false
        var headerBlock = ProxyHygiene.clientHeaderBlock(
            from: upstream.headerBlock,
            keepContentLength: exchange.isHead && !describesOtherBytes,
            canonicalVersionHeader: self.versionHeader,
            carriesDate: &carriesDate
        )
        if let plan {
            // A body decoded, or translated, is no longer the one these fields describe; and whatever the body,
            // the gateway asked for no range, so it offers none (RFC 9110 §14.3).
            headerBlock = RepresentationFields.removing(
                describesOtherBytes || coding.wasDecoded
                    ? RepresentationFields.describingTranslatedBytes : RepresentationFields.rangeSupport,
                from: headerBlock
            )
            headerBlock = HeaderRenamer.rename(headerBlock, plan.headerRenames, fired: &fired)
            // A tag that cannot be marked as this representation's would be shared with another: it goes, as do
            // several (ETag is a singleton field, RFC 9110 §8.8.3).
            let tagLines = headerBlock.withUnsafeBytes { raw in
                HeaderBlockLines(raw).count { HTTPSyntax.nameEquals($0.name, "etag") }
            }
            headerBlock = FieldValueRewriter.rewriteBytes(headerBlock, field: "etag", droppingUnchanged: true) {
                tagLines == 1
                    ? EntityTags.clientTag($0, version: exchange.version, acceptsGzip: exchange.acceptsGzip) : nil
            }
            coding.vary(&headerBlock)
        }
        headerBlock = FieldValueRewriter.rewrite(headerBlock, field: "location") { location in
            self.routes.locationMappings[exchange.upstream]
                .clientLocation(location) { self.clientPath($0, exchange: exchange, plan: plan) }
                .map { exchange.linkScheme.link($0, in: exchange.version) }
        }
        var response = GatewayResponse(
            status: upstream.status,
            reason: upstream.reason,
            headers: exchange.stamp,
            headerBlock: headerBlock,
            body: upstream.body,
            carriesDate: carriesDate
        )
        response.firedChanges = fired
        self.answerPreview(of: exchange, in: &response)
        coding.encode(&response, isHead: exchange.isHead)
        return response
    }
}
