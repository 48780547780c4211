import Versioning

/// Checks recorded traffic of one client against the changes between two versions: each exchange, recorded in the
/// older version, is walked to the newer one as the gateway would walk it (``Translator/impact(method:target:requestFieldNames:requestBody:status:responseFieldNames:responseBody:plan:)``),
/// and a change hits the exchange when it would alter it: its scope (endpoint, method) covers the request and its
/// subject is there (the path, the query parameter, the header, the body field in the request or the response,
/// items of lists included; for `map-values`, a value it maps).
///
/// Feed it exchanges one at a time (``examine(_:)``), so that traffic of any size streams through in bounded
/// memory: it keeps counts and one example per change, and at most ``maximumUnplacedPaths`` distinct unplaced
/// paths. Pure.
public struct MigrationCheck: Sendable {
    /// The most distinct unplaced paths counted one by one; later ones only add to the total.
    public static let maximumUnplacedPaths = 10_000

    public let from: VersionName
    public let to: VersionName
    private let translator: Translator
    private let plan: TranslationPlan
    private let endpoints: KnownEndpoints
    private var outcomes: [ChangeOutcome]
    private let positions: [ChangeReference: Int]
    private var requests = 0
    private var unplacedCount = 0
    private var unplacedPaths: [String: Int] = [:]
    /// Base paths that would place unplaced requests, and how many each would.
    private var hiddenPrefixes: [String: Int] = [:]
    private var unreadableBodies = 0
    private var unanswered = 0
    private var otherVersions = 0
    /// The response field that names the version that served an exchange, lowercased.
    private let versionField: String
    /// The path the API is mounted under in the recording (`/api`), taken off every target; nil for none.
    private let basePath: String?
    private let versionNames: Set<String>

    /// - Parameter versionField: the field that names the version that served an exchange (the gateway's
    ///   `--version-header`): an exchange whose response (or else request) names another version than `from` is
    ///   left out and counted.
    /// - Parameter basePath: the path the API is mounted under in the recording (`/api`), taken off each target
    ///   that starts with it. A first segment that names a version (`/v1/vendors`, as the gateway's path prefix
    ///   scheme has it) is taken off too, and an exchange under another version's is left out.
    /// - Throws: ``MigrationCheckError`` when a version is unknown or `from` is not older than `to`.
    public init(
        catalog: VersionCatalog,
        from: VersionName,
        to: VersionName,
        versionField: String = "API-Version",
        basePath: String? = nil
    ) throws(MigrationCheckError) {
        try MigrationCheckError.validate(from: from, to: to, in: catalog)
        self.versionField = versionField.lowercased()
        self.basePath = basePath.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }.flatMap {
            $0.isEmpty ? nil : $0
        }
        self.versionNames = Set(catalog.names.map(\.description))
        self.from = from
        self.to = to
        self.translator = Translator(catalog: catalog)
        self.plan = self.translator.requestPlan(from: from, to: to)
        self.endpoints = KnownEndpoints(catalog: catalog)
        self.outcomes = DeclaredChange.along(catalog, from: from, to: to).map { ChangeOutcome(change: $0) }
        self.positions = Dictionary(
            uniqueKeysWithValues: self.outcomes.enumerated().map { ($0.element.change.reference, $0.offset) }
        )
    }

    /// Counts the changes that would alter `exchange`, unless it was served in another version.
    public mutating func examine(_ recorded: RecordedExchange) {
        var exchange = recorded
        let (target, prefixVersion) = self.apiTarget(of: exchange.target)
        exchange.target = target
        if let version = prefixVersion ?? self.servedVersion(of: exchange), version != self.from.description {
            self.otherVersions += 1
            return
        }
        self.requests += 1
        if exchange.status == nil { self.unanswered += 1 }
        if !self.endpoints.contains(target: exchange.target) { self.countUnplaced(exchange) }
        let impact = self.translator.impact(
            method: exchange.method,
            target: exchange.target,
            requestFieldNames: exchange.requestFields.lazy.map(\.name),
            requestBody: exchange.requestBody,
            status: exchange.status,
            responseFieldNames: exchange.responseFields.lazy.map(\.name),
            responseBody: exchange.responseContent,
            plan: self.plan
        )
        if impact.unreadableRequestBody { self.unreadableBodies += 1 }
        if impact.unreadableResponseBody || exchange.responseContent == .unrecorded { self.unreadableBodies += 1 }
        let all = impact.all
        for reference in impact.unexamined where !all.contains(reference) {
            if let position = self.positions[reference] { self.outcomes[position].unexamined += 1 }
        }
        for reference in all {
            guard let position = self.positions[reference] else { continue }
            self.outcomes[position].requests += 1
            guard self.outcomes[position].example == nil else { continue }
            let verb = self.outcomes[position].change.change.verb
            let place = ChangeSubject.place(
                of: verb,
                request: impact.request.contains(reference),
                response: impact.response.contains(reference)
            )
            self.outcomes[position].example = HitExample(
                method: SecretRedaction.printable(exchange.method),
                target: SecretRedaction.target(exchange.target),
                subject: "\(ChangeSubject.describe(verb)) in the \(place)",
                origin: exchange.origin.description
            )
        }
    }

    /// What the traffic examined so far shows.
    public func result(files: [String]) -> MigrationCheckResult {
        MigrationCheckResult(
            from: self.from,
            to: self.to,
            source: .traffic(files: files),
            requests: self.requests,
            outcomes: self.outcomes,
            unplaced: UnplacedRequests(
                count: self.unplacedCount,
                paths: Array(
                    self.unplacedPaths.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(
                        UnplacedRequests.listed
                    )
                )
            ),
            unreadableBodies: self.unreadableBodies,
            unanswered: self.unanswered,
            otherVersions: self.otherVersions,
            hiddenBasePath: self.hiddenPrefixes.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        )
    }

    /// `target` without the base path and a version prefix, and the version that prefix names.
    private func apiTarget(of target: String) -> (String, String?) {
        var rest = Substring(target)
        if let base = self.basePath, rest.hasPrefix(base) {
            let after = rest.dropFirst(base.count)
            if after.isEmpty || after.first == "/" || after.first == "?" { rest = after }
        }
        if rest.first == "?" || rest.isEmpty { rest = "/" + rest }
        let first = rest.dropFirst().prefix { $0 != "/" && $0 != "?" }
        guard self.versionNames.contains(String(first)) else { return (String(rest), nil) }
        let after = rest.dropFirst(1 + first.count)
        return (after.first == "/" ? String(after) : "/" + after, String(first))
    }

    /// The version the recording says served `exchange`: its response's version field, else its request's.
    private func servedVersion(of exchange: RecordedExchange) -> String? {
        let named = { (fields: [RecordedField]) in
            fields.first { $0.name.lowercased() == self.versionField }?.value
                .split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
        }
        return named(exchange.responseFields) ?? named(exchange.requestFields)
    }

    private mutating func countUnplaced(_ exchange: RecordedExchange) {
        self.unplacedCount += 1
        if let prefix = self.endpoints.hiddenPrefix(of: exchange.target), self.hiddenPrefixes.count < 100 {
            self.hiddenPrefixes[SecretRedaction.printable(prefix), default: 0] += 1
        }
        let key = SecretRedaction.printable("\(exchange.method) \(KnownEndpoints.path(of: exchange.target))")
        if self.unplacedPaths[key] != nil || self.unplacedPaths.count < Self.maximumUnplacedPaths {
            self.unplacedPaths[key, default: 0] += 1
        }
    }
}
