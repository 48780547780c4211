import Versioning

/// The sample API as seen in one version: requests walk from that version to the model's, responses walk back,
/// along the catalog's declared changes.
struct VersionedSampleAPI: Sendable {
    let api: SampleAPI
    private let translator: Translator
    private let toModel: TranslationPlan
    private let fromModel: TranslationPlan

    init(api: SampleAPI, version: VersionName, catalog: VersionCatalog) {
        self.api = api
        self.translator = Translator(catalog: catalog)
        self.toModel = self.translator.requestPlan(from: version, to: SampleServer.nativeVersion)
        self.fromModel = self.translator.requestPlan(from: SampleServer.nativeVersion, to: version)
    }

    func handle(method: String, target: String, body: [UInt8]) -> SampleResponse {
        guard !self.toModel.isEmpty else { return self.api.handle(method: method, target: target, body: body) }
        let translation: RequestTranslation
        do {
            translation = try self.translator.translateRequest(
                method: method,
                target: target,
                body: body,
                plan: self.toModel
            )
        } catch {
            return .problem(
                SampleProblem(status: 400, title: "Malformed JSON", detail: "The body must be JSON: \(error).")
            )
        }
        var response = self.api.handle(method: method, target: translation.target, body: translation.body ?? body)
        if (200..<300).contains(response.status),
            let translated = try? self.translator.translateResponse(
                body: Array(response.body.utf8),
                plan: translation.responsePlan
            )
        {
            response.body = String(decoding: translated, as: UTF8.self)
        }
        response.location = response.location.map {
            self.translator.translatePath($0, method: "GET", plan: self.fromModel)
        }
        return response
    }
}
