import ContentCoding
import Versioning

/// A request body the client content-coded, on its way to translation.
extension RequestPipeline {
    /// The request translated along `exchange`'s plan, and whether its body had to be decoded for that.
    ///
    /// The translation reads a body only when one of the plan's changes concerns it, so a content-coded body is
    /// decoded only then: first the translation tries the bytes as sent (and passes them on untouched when it
    /// need not read them), and when it must read them, the codings of `Content-Encoding` are undone, never past
    /// the request body limit, and the decoded body is translated and sent upstream as identity. Bytes labelled
    /// coded are taken for what the label says even when they would parse as JSON.
    /// - Throws: `415` for a coding the gateway cannot decode, `413` for a body that decodes past the limit, and
    ///   `400` for bytes that are not in their coding or, decoded, not JSON of the client's version.
    func translatedRequest(
        _ head: RequestHead,
        target: String,
        body: [UInt8]?,
        exchange: Exchange
    ) throws(GatewayProblem) -> (translation: RequestTranslation, decoded: Bool) {
        let translate = { (body: [UInt8]?, reading: BodyReading) throws(GatewayProblem) -> RequestTranslation in
            do throws(TranslationError) {
                return try self.translator.translateRequest(
                    method: head.method,
                    target: target,
                    body: body,
                    plan: exchange.plan,
                    reading: reading
                )
            } catch {
                throw .untranslatableRequestBody(version: exchange.version, reason: error.description)
            }
        }
        let codingField = head.headers.values("content-encoding").joined(separator: ",")
        let isCoded = codingField.split(separator: ",").contains {
            let token = $0.filter { $0 != " " && $0 != "\t" }.lowercased()
            return !token.isEmpty && token != "identity"
        }
        do {
            // Coded bytes are not the representation: a scan of them for member names would prove nothing.
            let translation = try translate(body, isCoded ? .always : .whenAltered)
            // Bytes labelled coded that read as JSON all the same: the label, not the bytes, says what they are.
            guard isCoded, translation.rewroteBody else { return (translation, false) }
        } catch {
            guard isCoded, body != nil else { throw error }
        }
        // A coded body the translation must read (so there is one): decoded first.
        let decoded: [UInt8]
        do throws(ContentCodingError) {
            decoded = try ContentDecoder.decode(
                body ?? [],
                codings: try ContentCoding.codings(in: codingField),
                limit: self.configuration.limits.maxBodyBytes
            )
        } catch {
            switch error {
            case .unsupported(let name):
                throw .unsupportedContentCoding(name, version: exchange.version)
            case .tooLarge(let limit):
                throw .badRequest(.bodyTooLarge(limit: limit))
            case .corrupt:
                throw .untranslatableRequestBody(version: exchange.version, reason: error.description)
            }
        }
        return (try translate(decoded, .whenAltered), true)
    }
}
