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
    /// found in the response's `<preview header>-Changes` field.
    func answerPreview(of exchange: Exchange, in response: inout GatewayResponse) {
        guard var walk = exchange.preview?.walk else { return }
        let names = response.headerBlock.withUnsafeBytes { raw in
            HeaderBlockLines(raw).map { String(decoding: $0.name, as: UTF8.self) }
        }
        self.translator.walkOnward(
            &walk,
            status: response.status,
            fieldNames: names,
            body: exchange.isHead || response.body.isEmpty ? .none : .bytes(response.body)
        )
        let name = ShadowPreview.changesFieldName(previewHeader: self.configuration.previewHeaderName)
        response.headers.append(HTTPField(name, ShadowPreview.serialize(walk.impact.all)))
        response.previewedChanges = walk.impact.all
    }
}

extension RequestPipeline.Exchange {
    /// The farthest version an answered exchange was compared with, for the usage ledger: the version previewed, or
    /// the upstream's when it is newer than the served one (walking forward meets every change in between). One per
    /// request, so that ledger counts of compared requests add up; a preview wins a tie, so that previews show.
    /// Nil when the exchange was served as it came.
    /// - Parameter previewed: whether the preview was answered (it is not when the upstream failed).
    func evaluation(previewed: Bool) -> Evaluation? {
        let translated = self.upstreamVersion > self.version ? self.upstreamVersion : nil
        if previewed, let preview = self.preview?.version, translated.map({ preview >= $0 }) ?? true {
            return Evaluation(version: preview, via: .preview)
        }
        return translated.map { Evaluation(version: $0, via: .translation) }
    }
}
