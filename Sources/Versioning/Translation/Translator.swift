/// Translates requests and responses between the client's version and the upstream's, by walking the chain of
/// changes one version at a time: requests from the client's version to the upstream's, responses back.
///
/// Within a version's step, path, query and list-envelope changes apply at the boundary (first when walking
/// forward, last when walking backward), so that field changes and scopes always see the request path and the
/// body in the terms of the version that declares them. Pure and `Sendable`.
public struct Translator: Sendable {
    private let versions: [VersionManifest]
    private let envelopes: [VersionName: ListEnvelope]
    /// The most a body's parsed containers may take in memory (``JSONParser/parse(_:maximumNodeBytes:)``).
    private let maximumDocumentBytes: Int

    /// - Parameter maximumDocumentBytes: the most a body's parsed containers may take in memory; a body that would
    ///   take more is ``TranslationError/tooLargeToRead(_:)``.
    public init(catalog: VersionCatalog, maximumDocumentBytes: Int = .max) {
        self.maximumDocumentBytes = maximumDocumentBytes
        self.versions = catalog.manifests
        var envelopes: [VersionName: ListEnvelope] = [:]
        for (index, manifest) in catalog.manifests.enumerated() {
            for change in manifest.changes {
                guard case .reshapeList(let older, let newer) = change.verb else { continue }
                for earlier in catalog.manifests[..<index] where envelopes[earlier.name] == nil {
                    envelopes[earlier.name] = older
                }
                envelopes[manifest.name] = newer
            }
            if envelopes[manifest.name] == nil, index > 0 {
                envelopes[manifest.name] = envelopes[catalog.manifests[index - 1].name]
            }
        }
        self.envelopes = envelopes
    }

    /// The steps a request takes from `client` to `upstream`; empty when they are the same version.
    public func requestPlan(from client: VersionName, to upstream: VersionName) -> TranslationPlan {
        let declaring: [VersionManifest]
        let direction: ChangeDirection
        if client < upstream {
            declaring = self.versions.filter { $0.name > client && $0.name <= upstream }
            direction = .forward
        } else {
            declaring = self.versions.filter { $0.name > upstream && $0.name <= client }.reversed()
            direction = .backward
        }
        return TranslationPlan(
            steps: declaring.filter { !$0.changes.isEmpty }.map { manifest in
                TranslationStep(
                    version: manifest.name,
                    direction: direction,
                    changes: manifest.changes,
                    envelope: self.envelopes[manifest.name]
                )
            }
        )
    }

    /// Rewrites a request's target and body along `plan`.
    /// - Parameter reading: when the body is parsed (see ``BodyReading``).
    /// - Throws: ``TranslationError/malformedBody(_:)`` when a change concerns a body that is not JSON (and, reading
    ///   ``BodyReading/whenAltered``, may alter it).
    public func translateRequest(
        method: String,
        target: String,
        body: [UInt8]?,
        plan: TranslationPlan,
        reading: BodyReading = .whenAltered
    )
        throws(TranslationError) -> RequestTranslation
    {
        let queryStart = target.utf8.firstIndex(of: UInt8(ascii: "?"))
        var path = String(target[..<(queryStart ?? target.endIndex)])
        var query = queryStart.map { String(target[target.index(after: $0)...]) }
        var document: JSONDocument?
        var responseSteps: [ResponsePlan.Step] = []
        var headerRenames: [HeaderRename] = []
        var fired = FiredChanges()
        for step in plan.steps {
            if step.direction == .forward { path = step.renamingPath(path, method: method, fired: &fired) }
            // The path in this step's version's terms, for every scope check of the step.
            let scoped = RequestPath(path)
            if step.direction == .forward, let current = query {
                query = step.renamingQuery(current, method: method, path: scoped, fired: &fired)
            }
            headerRenames += step.headerRenames(method: method, path: scoped)
            if let body, !body.isEmpty {
                let changes = step.bodyChanges(method: method, path: scoped)
                if !changes.isEmpty,
                    var parsed = try self.document(document, or: body, reading, alteredBy: changes, step.direction)
                {
                    document = nil
                    for body in changes where body.rewrite?.apply(to: &parsed, at: .root) ?? false {
                        fired.insert(body.reference)
                    }
                    document = parsed
                }
            }
            responseSteps.append(ResponsePlan.Step(step: step.flipped, path: scoped))
            if step.direction == .backward {
                if let current = query {
                    query = step.renamingQuery(current, method: method, path: scoped, fired: &fired)
                }
                path = step.renamingPath(path, method: method, fired: &fired)
            }
        }
        let translatedTarget = query.map { path + "?" + $0 } ?? path
        return RequestTranslation(
            target: translatedTarget,
            body: document?.bytes ?? body,
            rewroteBody: document != nil,
            headerRenames: headerRenames,
            responsePlan: ResponsePlan(
                steps: responseSteps.reversed(),
                method: method,
                headerRenames: headerRenames.reversed().map {
                    HeaderRename(from: $0.to, to: $0.from, change: $0.change)
                }
            ),
            firedChanges: fired
        )
    }

    /// Rewrites a bare path along `plan`'s path changes only (a `Location` link, say).
    public func translatePath(_ path: String, method: String, plan: TranslationPlan) -> String {
        self.translatePath(path, method: method, steps: plan.steps)
    }

    /// Rewrites a path the upstream named in its response (a `Location` link) into the client's version.
    public func translatePath(_ path: String, method: String, plan: ResponsePlan) -> String {
        self.translatePath(path, method: method, steps: plan.steps.map(\.step))
    }

    private func translatePath(_ path: String, method: String, steps: [TranslationStep]) -> String {
        var unrecorded = FiredChanges()
        return steps.reduce(path) { path, step in step.renamingPath(path, method: method, fired: &unrecorded) }
    }

    /// Rewrites a successful response's body along `plan`; nil when no change concerns it (the body is then not
    /// even parsed).
    /// - Throws: ``TranslationError/malformedBody(_:)`` when a change applies to a body that is not JSON.
    public func translateResponse(body: [UInt8], plan: ResponsePlan) throws(TranslationError) -> [UInt8]? {
        var unrecorded = FiredChanges()
        return try self.translateResponse(body: body, plan: plan, fired: &unrecorded)
    }

    /// Rewrites a successful response's body along `plan`, adding the changes that altered it to `fired`; nil when
    /// no change concerns it, or none can alter it (the body is then not even parsed: see ``BodyTrigger``).
    /// - Throws: ``TranslationError/malformedBody(_:)`` when a change applies to a body that is not JSON.
    /// - Parameter reading: when the body is parsed (see ``BodyReading``).
    public func translateResponse(
        body: [UInt8],
        plan: ResponsePlan,
        fired: inout FiredChanges,
        reading: BodyReading = .whenAltered
    ) throws(TranslationError) -> [UInt8]? {
        guard !body.isEmpty else { return nil }
        var parsed: JSONDocument?
        for planned in plan.steps {
            let step = planned.step
            let changes = step.bodyChanges(method: plan.method, path: planned.path)
            // Until a step alters it the body is as received: one no change of the step can touch stays unparsed.
            guard !changes.isEmpty,
                var document = try self.document(parsed, or: body, reading, alteredBy: changes, step.direction)
            else { continue }
            parsed = nil
            if step.direction == .forward {
                for body in changes
                where body.change.verb.applyToEnvelope(&document, .forward) {
                    fired.insert(body.reference)
                }
            }
            self.apply(changes, to: &document, step: step, fired: &fired)
            if step.direction == .backward {
                for body in changes
                where body.change.verb.applyToEnvelope(&document, .backward) {
                    fired.insert(body.reference)
                }
            }
            parsed = document
        }
        return parsed?.bytes
    }

    /// The document a step works on: the one an earlier step altered, else `body` parsed when `changes` may alter it
    /// in `direction` (see ``BodyTrigger``); nil when none can.
    private func document(
        _ altered: JSONDocument?,
        or body: [UInt8],
        _ reading: BodyReading,
        alteredBy changes: [BodyChange],
        _ direction: ChangeDirection
    ) throws(TranslationError) -> JSONDocument? {
        if let altered { return altered }
        guard reading == .always || BodyTrigger.mayAlter(body, by: changes.lazy.map(\.trigger)) else {
            return nil
        }
        return try self.parse(body)
    }

    /// Field changes apply to the items of a list body (found through the version's envelope), else to the body.
    /// Each item takes all the step's changes before the next, so that the list is walked once: in one pass over
    /// its members where the changes allow (``SinglePassRewrite``).
    private func apply(
        _ changes: [BodyChange],
        to document: inout JSONDocument,
        step: TranslationStep,
        fired: inout FiredChanges
    ) {
        let items: JSONRange?
        if let envelope = step.envelope, case .array(let elements)? = document.value(at: envelope.items, from: .root) {
            items = elements
        } else {
            items = nil
        }
        let operations = changes.reduce(SinglePassRewrite.Operations(0)) { $0 | 1 << $1.position }
        if let items, let pass = step.singlePass, pass.canRun(operations) {
            // The pass writes each item anew at the end of the member store: it gets that room at once, rather than
            // copying the store each time it grows.
            document.members.reserveCapacity(2 * document.members.count + 16)
            var altered = SinglePassRewrite.Operations(0)
            for index in items.indices { pass.apply(operations, to: &document, at: .element(index), altered: &altered) }
            for change in changes where altered & 1 << change.position != 0 {
                fired.insert(change.reference)
            }
            return
        }
        let rewrites = changes.map(\.rewrite)
        var altered = [Bool](repeating: false, count: changes.count)
        for slot in items.map({ $0.indices.map(JSONSlot.element) }) ?? [.root] {
            for position in rewrites.indices where rewrites[position]?.apply(to: &document, at: slot) ?? false {
                altered[position] = true
            }
        }
        for position in changes.indices where altered[position] {
            fired.insert(changes[position].reference)
        }
    }

    private func parse(_ body: [UInt8]) throws(TranslationError) -> JSONDocument {
        do throws(JSONError) {
            return try JSONParser.parse(body, maximumNodeBytes: self.maximumDocumentBytes)
        } catch {
            throw error.exceedsMemoryLimit ? .tooLargeToRead(error) : .malformedBody(error)
        }
    }
}

/// Why a body could not be translated.
public enum TranslationError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformedBody(JSONError)
    /// The body would take more memory to read than the translator may use.
    case tooLargeToRead(JSONError)

    public var description: String {
        switch self {
        case .malformedBody(let error): "the body is not valid JSON: \(error)"
        case .tooLargeToRead(let error): "the body is too large to translate: \(error)"
        }
    }
}

/// One version's changes as one step of a walk between two versions, sorted by what they rewrite. A step is a
/// reference to its declared changes and a direction, so that a request's walk copies no change.
public struct TranslationStep: Sendable, Equatable {
    private let declared: DeclaredChanges
    public private(set) var direction: ChangeDirection

    init(version: VersionName, direction: ChangeDirection, changes: [VersionChange], envelope: ListEnvelope?) {
        self.declared = DeclaredChanges(version: version, changes: changes, envelope: envelope)
        self.direction = direction
    }

    public var version: VersionName { self.declared.version }
    /// The declaring version's list envelope, where field changes find the items of list bodies.
    var envelope: ListEnvelope? { self.declared.envelope }

    /// `path` after this step's path renames that concern `method`; those that rewrote it are added to `fired`.
    func renamingPath(_ path: String, method: String, fired: inout FiredChanges) -> String {
        let changes = self.declared.pathChanges
        var path = path
        for index in self.order(changes) where changes[index].scope.allows(method: method) {
            let renamed = changes[index].verb.applyToPath(path, self.direction)
            if renamed != path { fired.insert(self.reference(to: changes[index])) }
            path = renamed
        }
        return path
    }

    /// `query` (without `?`) after this step's parameter renames that concern the request; those that rewrote it
    /// are added to `fired`.
    func renamingQuery(_ query: String, method: String, path: RequestPath, fired: inout FiredChanges) -> String {
        let changes = self.declared.queryChanges
        var query = query
        for index in self.order(changes) where changes[index].scope.contains(method: method, path: path) {
            let renamed = changes[index].verb.applyToQuery(query, self.direction)
            if renamed != query { fired.insert(self.reference(to: changes[index])) }
            query = renamed
        }
        return query
    }

    private func reference(to change: VersionChange) -> ChangeReference {
        ChangeReference(version: self.version, id: change.id)
    }

    /// The header renames that concern the request.
    func headerRenames(method: String, path: RequestPath) -> [HeaderRename] {
        let changes = self.declared.headerChanges
        return self.order(changes).compactMap { index in
            let change = changes[index]
            guard change.scope.contains(method: method, path: path),
                var rename = change.verb.headerRename(self.direction)
            else { return nil }
            rename.change = self.reference(to: change)
            return rename
        }
    }

    /// The body changes that concern the request, in the order this step applies them, each with its rewrite read
    /// this step's way.
    func bodyChanges(method: String, path: RequestPath) -> [BodyChange] {
        let changes = self.declared.bodyChanges
        var concerned: [BodyChange] = []
        for (position, index) in self.order(changes).enumerated()
        where changes[index].change.scope.contains(method: method, path: path) {
            // One allocation for all that may follow, and none when no change concerns the request.
            if concerned.isEmpty { concerned.reserveCapacity(changes.count - position) }
            concerned.append(BodyChange(prepared: changes[index], direction: self.direction, position: position))
        }
        return concerned
    }

    /// The step's body changes in one pass, the way it walks.
    var singlePass: SinglePassRewrite? {
        self.direction == .forward ? self.declared.singlePasses.forward : self.declared.singlePasses.backward
    }

    /// The positions of `changes` in the order this step applies them: as declared when walking forward, last to
    /// first when walking backward (undoing them).
    private func order<Change>(_ changes: [Change]) -> StrideTo<Int> {
        self.direction == .forward
            ? stride(from: 0, to: changes.count, by: 1) : stride(from: changes.count - 1, to: -1, by: -1)
    }

    var flipped: TranslationStep {
        var step = self
        step.direction = self.direction.flipped
        return step
    }
}

/// One version's changes sorted by what they rewrite, with its body changes prepared for either way: what every
/// step through the version shares.
private final class DeclaredChanges: Sendable, Equatable {
    let version: VersionName
    /// Each kind of change in declared order: `rename-path`, `rename-query-parameter`, `rename-header`, and those
    /// that rewrite bodies.
    let pathChanges: [VersionChange]
    let queryChanges: [VersionChange]
    let headerChanges: [VersionChange]
    let bodyChanges: [PreparedBodyChange]
    /// The body changes' rewrites in one pass, for each direction (nil for a step of very many changes).
    let singlePasses: (forward: SinglePassRewrite?, backward: SinglePassRewrite?)
    let envelope: ListEnvelope?

    init(version: VersionName, changes: [VersionChange], envelope: ListEnvelope?) {
        self.version = version
        self.pathChanges = changes.filter { if case .renamePath = $0.verb { true } else { false } }
        self.queryChanges = changes.filter { if case .renameQueryParameter = $0.verb { true } else { false } }
        self.headerChanges = changes.filter { if case .renameHeader = $0.verb { true } else { false } }
        let bodyChanges = changes.filter { $0.verb.touchesBody }.map { PreparedBodyChange($0, of: version) }
        self.bodyChanges = bodyChanges
        self.singlePasses = (
            SinglePassRewrite(bodyChanges.map { $0.rewrite(.forward) }),
            SinglePassRewrite(bodyChanges.reversed().map { $0.rewrite(.backward) })
        )
        self.envelope = envelope
    }

    /// The rest follows from the changes.
    static func == (lhs: DeclaredChanges, rhs: DeclaredChanges) -> Bool {
        lhs === rhs
            || (lhs.version == rhs.version && lhs.pathChanges == rhs.pathChanges
                && lhs.queryChanges == rhs.queryChanges && lhs.headerChanges == rhs.headerChanges
                && lhs.bodyChanges == rhs.bodyChanges && lhs.envelope == rhs.envelope)
    }
}

/// A body change that concerns a request, read the way its step walks: a reference to what was prepared for it
/// when the manifests were read, so that listing the changes of each request copies none of them.
struct BodyChange: Sendable {
    private let prepared: PreparedBodyChange
    private let direction: ChangeDirection
    /// Its place among all the step's body changes, in the order the step applies them (as in its single pass).
    let position: Int

    init(prepared: PreparedBodyChange, direction: ChangeDirection, position: Int) {
        self.prepared = prepared
        self.direction = direction
        self.position = position
    }

    var change: VersionChange { self.prepared.change }
    var reference: ChangeReference { self.prepared.reference }
    /// Nil for a change that leaves resources alone (`reshape-list`, which reshapes the envelope instead).
    var rewrite: (any ResourceRewrite)? { self.prepared.rewrite(self.direction) }
    var trigger: BodyTrigger? { self.prepared.trigger(self.direction) }
}

/// A step's body change with what it does to resources and what it needs in a body, prepared for either way once
/// per manifest rather than per request.
final class PreparedBodyChange: Sendable, Equatable {
    let change: VersionChange
    let reference: ChangeReference
    private let rewrites: (forward: (any ResourceRewrite)?, backward: (any ResourceRewrite)?)
    private let triggers: (forward: BodyTrigger?, backward: BodyTrigger?)

    init(_ change: VersionChange, of version: VersionName) {
        self.change = change
        self.reference = ChangeReference(version: version, id: change.id)
        self.rewrites = (change.verb.resourceRewrite(.forward), change.verb.resourceRewrite(.backward))
        self.triggers = (change.verb.bodyTrigger(.forward), change.verb.bodyTrigger(.backward))
    }

    func rewrite(_ direction: ChangeDirection) -> (any ResourceRewrite)? {
        direction == .forward ? self.rewrites.forward : self.rewrites.backward
    }

    func trigger(_ direction: ChangeDirection) -> BodyTrigger? {
        direction == .forward ? self.triggers.forward : self.triggers.backward
    }

    /// The rest follows from the change.
    static func == (lhs: PreparedBodyChange, rhs: PreparedBodyChange) -> Bool {
        lhs.change == rhs.change && lhs.reference == rhs.reference
    }
}

/// The steps of a request's walk; empty when client and upstream speak the same version.
public struct TranslationPlan: Sendable, Equatable {
    public let steps: [TranslationStep]
    public var isEmpty: Bool { self.steps.isEmpty }

    /// The plan of a request that needs no translation.
    public static let none = TranslationPlan(steps: [])
}

/// A translated request and what its response will need.
public struct RequestTranslation: Sendable {
    public let target: String
    public let body: [UInt8]?
    /// Whether `body` is a rewrite of the request's (parsed and written anew), not its bytes as sent.
    public let rewroteBody: Bool
    /// Header names to rename on the way up, in order.
    public let headerRenames: [HeaderRename]
    public let responsePlan: ResponsePlan
    /// The changes that rewrote the request's path, query or body (header renames fire where the gateway finds the
    /// header: see ``HeaderRename/change``).
    public let firedChanges: FiredChanges
}

/// The response's walk back: each step with the request's path in that step's version's terms.
public struct ResponsePlan: Sendable, Equatable {
    struct Step: Sendable, Equatable {
        let step: TranslationStep
        let path: RequestPath
    }

    let steps: [Step]
    let method: String
    /// Header names to rename on the way back, in order.
    public let headerRenames: [HeaderRename]
}
