import Gateway
import Versioning

/// The parsers that read untrusted bytes, each with the invariants it must keep on any input. A broken invariant
/// traps, which libFuzzer reports as a crash with the input that caused it.
enum FuzzTarget: String, CaseIterable {
    /// The request framer: the same bytes framed whole, in pieces, and with bodies streamed in parts (under no body
    /// limit, as streamed bodies are) frame alike.
    case framer
    /// The JSON parser: what it accepts, written back, parses again to the same bytes.
    case json
    /// The manifest decoder: any text is a manifest or a one-line error, never a crash.
    case manifest
    /// The translator both ways: a body it skips unread (no change can alter it) is one no change alters when read.
    case translator

    func run(_ bytes: UnsafeRawBufferPointer) {
        switch self {
        case .framer: Self.frame(bytes)
        case .json: Self.parseJSON(bytes)
        case .manifest: _ = try? ManifestDecoder.decode(String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml")
        case .translator: Self.translate(bytes)
        }
    }

    private static func frame(_ bytes: UnsafeRawBufferPointer) {
        guard let first = bytes.first else { return }
        let input = Array(bytes.dropFirst())
        // The first byte picks the piece size (1 to 16 bytes), so that heads and chunks straddle reads.
        let pieceSize = Int(first % 16) + 1
        let whole = Framing.frame(input, pieceSize: input.count, streaming: false)
        let pieces = Framing.frame(input, pieceSize: pieceSize, streaming: false)
        precondition(whole == pieces, "framing changed with the piece size")
        // A streamed body has no size limit: compare it with whole bodies under none either.
        let unlimited = Framing.frame(input, pieceSize: input.count, streaming: false, maxBodyBytes: .max)
        let streamed = Framing.frame(input, pieceSize: pieceSize, streaming: true)
        precondition(unlimited == streamed, "a streamed body framed otherwise")
    }

    private static func parseJSON(_ bytes: UnsafeRawBufferPointer) {
        guard let document = try? JSONParser.parse(Array(bytes)) else { return }
        let written = document.bytes
        guard let again = try? JSONParser.parse(written) else { preconditionFailure("written JSON does not parse") }
        precondition(again.bytes == written, "writing parsed JSON is not stable")
    }

    private static let catalogTranslator = Translator(catalog: try! VersionCatalog.bundled())
    private static let plans = [("v1", "v2"), ("v2", "v1")].map { client, upstream in
        Self.catalogTranslator.requestPlan(from: VersionName(client)!, to: VersionName(upstream)!)
    }

    private static func translate(_ bytes: UnsafeRawBufferPointer) {
        let body = Array(bytes)
        for plan in Self.plans {
            for target in ["/purchase-orders", "/purchase-orders/po_1", "/inventory", "/connections/c_1/sync"] {
                let skipped = try? Self.catalogTranslator.translateRequest(
                    method: "POST",
                    target: target,
                    body: body,
                    plan: plan
                )
                let read = try? Self.catalogTranslator.translateRequest(
                    method: "POST",
                    target: target,
                    body: body,
                    plan: plan,
                    reading: .always
                )
                if let skipped, !skipped.rewroteBody, let read {
                    precondition(read.firedChanges == skipped.firedChanges, "a skipped request body would have changed")
                }
                guard let responsePlan = read?.responsePlan ?? skipped?.responsePlan else { continue }
                var skippedFired = FiredChanges()
                var readFired = FiredChanges()
                let skippedResponse = Result { () throws(TranslationError) in
                    try Self.catalogTranslator.translateResponse(body: body, plan: responsePlan, fired: &skippedFired)
                }
                let readResponse = Result { () throws(TranslationError) in
                    try Self.catalogTranslator.translateResponse(
                        body: body,
                        plan: responsePlan,
                        fired: &readFired,
                        reading: .always
                    )
                }
                if case .success(nil) = skippedResponse, case .success = readResponse {
                    precondition(readFired.isEmpty, "a skipped response body would have changed")
                }
            }
        }
    }
}
