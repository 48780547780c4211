import Usage
import Versioning

/// Shadow previews (``ShadowPreview``): which version a request may preview, its walk there, and the field that
/// answers it.
extension RequestPipeline {
    /// Attaches the preview `value` asks for to `exchange`, or stamps the warning that says why it is ignored.
    func attachPreview(_ value: String, to exchange: inout Exchange, clientID: String?) {
        let warning: String
        switch self.resolver.resolve(header: value) {
        case .failure(.malformed):
            warning = "the value is not a version name; no preview"
        case .failure(.unknown(let version)):
            warning = "\(version) is not a known version; no preview"
        case .success(let version):
            guard version > exchange.version else {
                warning = "\(version) is not newer than the served version \(exchange.version); no preview"
                break
            }
            if let manifest = self.resolver.catalog[version], manifest.status == .draft,
                !manifest.preview.allows(clientID)
            {
                warning = "\(version) is a draft this client may not use; no preview"
                break
            }
            let plan = self.translator.requestPlan(from: exchange.version, to: version)
            exchange.preview = ShadowPreview(version: version, plan: plan)
            return
        }
        let name = ShadowPreview.warningFieldName(previewHeader: self.configuration.previewHeaderName)
        exchange.stamp.append(HTTPField(name, StructuredFieldString.serialize(warning)))
    }

    /// Walks the request, as the client sent it, onward to the previewed version.
    func walkPreview(of head: RequestHead, target: String, body: [UInt8]?, exchange: inout Exchange) {
        guard let preview = exchange.preview else { return }
        exchange.preview?.walk = self.translator.walkOnward(
            method: head.method,
            target: target,
            fieldNames: head.headers.lazy.map(\.name),
            body: body,
            plan: preview.plan
        )
    }

    /// Walks the response as the client gets it onward to the previewed version, and names the changes the preview
    /// found in the response's `<preview header>-Changes` field. A body the walk cannot read (content-coded, since
    /// a passed-through body keeps the upstream's coding, or not JSON) leaves the changes it concerns untold: the
    /// warning field says so, and the preview does not count as a comparison in the ledger.
    func answerPreview(of exchange: Exchange, in response: inout GatewayResponse) {
        guard var walk = exchange.preview?.walk else { return }
        var names: [String] = []
        var coded = false
        response.headerBlock.withUnsafeBytes { raw in
            for (line, name) in HeaderBlockLines(raw) {
                names.append(String(decoding: name, as: UTF8.self))
                if HTTPSyntax.nameEquals(name, "content-encoding") {
                    coded =
                        coded || HTTPSyntax.asciiLowercased(HeaderBlockLines.value(of: line, name: name)) != "identity"
                }
            }
        }
        let body: ResponseContent =
            exchange.isHead || response.body.isEmpty ? .none : coded ? .unrecorded : .bytes(response.body)
        self.translator.walkOnward(&walk, status: response.status, fieldNames: names, body: body)
        let previewHeader = self.configuration.previewHeaderName
        response.headers.append(
            HTTPField(
                ShadowPreview.changesFieldName(previewHeader: previewHeader),
                ShadowPreview.serialize(walk.impact.all)
            )
        )
        response.previewedChanges = walk.impact.all
        response.previewIsComplete = walk.impact.unexamined.isEmpty
        if !walk.impact.unexamined.isEmpty {
            let reason = coded ? "the response body is content-coded" : "a body is not JSON"
            let warning = "\(reason): changes to it are not listed"
            response.headers.append(
                HTTPField(
                    ShadowPreview.warningFieldName(previewHeader: previewHeader),
                    StructuredFieldString.serialize(warning)
                )
            )
        }
    }
}

extension RequestPipeline.Exchange {
    /// The farthest version an answered exchange was compared with, for the usage ledger: the version previewed, or
    /// the upstream's when it is newer than the served one (walking forward meets every change in between). One per
    /// request, so that ledger counts of compared requests add up; a preview wins a tie, so that previews show.
    /// Nil when the exchange was served as it came.
    /// - Parameter previewed: whether the preview was answered in full (not when the upstream failed, nor when a body
    ///   it needed could not be read).
    func evaluation(previewed: Bool) -> Evaluation? {
        let translated = self.upstreamVersion > self.version ? self.upstreamVersion : nil
        if previewed, let preview = self.preview?.version, translated.map({ preview >= $0 }) ?? true {
            return Evaluation(version: preview, via: .preview)
        }
        return translated.map { Evaluation(version: $0, via: .translation) }
    }
}
