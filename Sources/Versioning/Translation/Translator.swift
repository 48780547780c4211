/// Translates requests and responses between the client's version and the upstream's, by walking the chain of
/// changes one version at a time: requests from the client's version to the upstream's, responses back.
///
/// Within a version's step, path, query and list-envelope changes apply at the boundary (first when walking
/// forward, last when walking backward), so that field changes and scopes always see the request path and the
/// body in the terms of the version that declares them. Pure and `Sendable`.
public struct Translator: Sendable {
    private let versions: [VersionManifest]
    private let envelopes: [VersionName: ListEnvelope]

    public init(catalog: VersionCatalog) {
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
                    version: manifest.name, direction: direction, changes: manifest.changes,
                    envelope: self.envelopes[manifest.name])
            })
    }

    /// Rewrites a request's target and body along `plan`.
    /// - Throws: ``TranslationError/malformedBody(_:)`` when a change applies to a body that is not JSON.
    public func translateRequest(method: String, target: String, body: [UInt8]?, plan: TranslationPlan)
        throws(TranslationError) -> RequestTranslation
    {
        let queryStart = target.firstIndex(of: "?")
        var path = String(target[..<(queryStart ?? target.endIndex)])
        var query = queryStart.map { String(target[target.index(after: $0)...]) }
        var json: JSONValue?
        var responseSteps: [(TranslationStep, [String])] = []
        var headerRenames: [HeaderRename] = []
        for step in plan.steps {
            let structural = step.structural
            let fields = step.bodyChanges
            if step.direction == .forward { path = step.renamingPath(path, method: method) }
            // The path in this step's version's terms, split once for every scope check of the step.
            let segments = PathTemplate.segments(of: path)
            if step.direction == .forward {
                query = query.map { query in self.renameQuery(query, structural, method: method, segments: segments, .forward) }
            }
            let renames = structural.filter { $0.scope.contains(method: method, segments: segments) }.compactMap {
                $0.verb.headerRename(step.direction)
            }
            headerRenames += step.direction == .forward ? renames : renames.reversed()
            let applicable = fields.filter { $0.scope.contains(method: method, segments: segments) }
            if !applicable.isEmpty, let body, !body.isEmpty {
                if json == nil {
                    do throws(JSONError) { json = try JSONParser.parse(body) } catch { throw .malformedBody(error) }
                }
                for change in step.direction == .forward ? applicable : applicable.reversed() {
                    change.verb.applyToResources(&json!, step.direction)
                }
            }
            responseSteps.append((step, segments))
            if step.direction == .backward {
                query = query.map { query in self.renameQuery(query, structural, method: method, segments: segments, .backward) }
                path = step.renamingPath(path, method: method)
            }
        }
        let translatedTarget = query.map { path + "?" + $0 } ?? path
        return RequestTranslation(
            target: translatedTarget, body: json.map { JSONWriter.bytes($0) } ?? body, headerRenames: headerRenames,
            responsePlan: ResponsePlan(
                steps: responseSteps.reversed().map { step, segments in
                    ResponsePlan.Step(step: step.flipped, segments: segments)
                }, method: method,
                headerRenames: headerRenames.reversed().map { HeaderRename(from: $0.to, to: $0.from) }))
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
        steps.reduce(path) { path, step in step.renamingPath(path, method: method) }
    }

    /// Rewrites a successful response's body along `plan`; nil when no change concerns it (the body is then not
    /// even parsed).
    /// - Throws: ``TranslationError/malformedBody(_:)`` when a change applies to a body that is not JSON.
    public func translateResponse(body: [UInt8], plan: ResponsePlan) throws(TranslationError) -> [UInt8]? {
        let steps = plan.steps.map { planned in
            (planned, planned.step.bodyChanges.filter { $0.scope.contains(method: plan.method, segments: planned.segments) })
        }.filter { !$0.1.isEmpty }
        guard !steps.isEmpty, !body.isEmpty else { return nil }
        var json: JSONValue
        do throws(JSONError) { json = try JSONParser.parse(body) } catch { throw .malformedBody(error) }
        for (planned, changes) in steps {
            let step = planned.step
            let ordered = step.direction == .forward ? changes : changes.reversed()
            if step.direction == .forward {
                for change in ordered { change.verb.applyToEnvelope(&json, .forward) }
            }
            self.apply(ordered, to: &json, envelope: step.envelope, step.direction)
            if step.direction == .backward {
                for change in ordered { change.verb.applyToEnvelope(&json, .backward) }
            }
        }
        return JSONWriter.bytes(json, capacity: body.count + body.count / 8)
    }

    /// Field changes apply to the items of a list body (found through the version's envelope), else to the body.
    /// The items are lifted out of the body while they change, so that they are not copied once per change, and
    /// each item takes all the step's changes before the next, so that the list is walked once.
    private func apply(_ changes: [VersionChange], to body: inout JSONValue, envelope: ListEnvelope?, _ direction: ChangeDirection) {
        guard let envelope, case .array(var items)? = body.value(at: envelope.items) else {
            for change in changes { change.verb.applyToResources(&body, direction) }
            return
        }
        body.setValue(.null, at: envelope.items)
        for index in items.indices {
            for change in changes { change.verb.applyToResources(&items[index], direction) }
        }
        body.setValue(.array(items), at: envelope.items)
    }

    private func renameQuery(
        _ query: String, _ changes: [VersionChange], method: String, segments: [String], _ direction: ChangeDirection
    ) -> String {
        changes.filter { $0.scope.contains(method: method, segments: segments) }.reduce(query) { query, change in
            change.verb.applyToQuery(query, direction)
        }
    }
}

/// Why a body could not be translated.
public enum TranslationError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformedBody(JSONError)

    public var description: String {
        switch self {
        case .malformedBody(let error): "the body is not valid JSON: \(error)"
        }
    }
}

/// One version's changes as one step of a walk between two versions.
public struct TranslationStep: Sendable, Equatable {
    public let version: VersionName
    public let direction: ChangeDirection
    /// The version's path and query changes, in declared order.
    let structural: [VersionChange]
    /// The version's body changes, in declared order.
    let bodyChanges: [VersionChange]
    /// The declaring version's list envelope, where field changes find the items of list bodies.
    let envelope: ListEnvelope?

    init(version: VersionName, direction: ChangeDirection, changes: [VersionChange], envelope: ListEnvelope?) {
        self.init(
            version: version, direction: direction, structural: changes.filter { !$0.verb.touchesBody },
            bodyChanges: changes.filter { $0.verb.touchesBody }, envelope: envelope)
    }

    private init(
        version: VersionName, direction: ChangeDirection, structural: [VersionChange], bodyChanges: [VersionChange],
        envelope: ListEnvelope?
    ) {
        self.version = version
        self.direction = direction
        self.structural = structural
        self.bodyChanges = bodyChanges
        self.envelope = envelope
    }

    /// `path` after this step's path renames that concern `method`, in the step's order.
    func renamingPath(_ path: String, method: String) -> String {
        let renames = self.direction == .forward ? self.structural : self.structural.reversed()
        return renames.reduce(path) { path, change in
            change.scope.allows(method: method) ? change.verb.applyToPath(path, self.direction) : path
        }
    }

    var flipped: TranslationStep {
        TranslationStep(
            version: self.version, direction: self.direction.flipped, structural: self.structural,
            bodyChanges: self.bodyChanges, envelope: self.envelope)
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
    /// Header names to rename on the way up, in order.
    public let headerRenames: [HeaderRename]
    public let responsePlan: ResponsePlan
}

/// The response's walk back: each step with the request's path (as segments) in that step's version's terms.
public struct ResponsePlan: Sendable, Equatable {
    struct Step: Sendable, Equatable {
        let step: TranslationStep
        let segments: [String]
    }

    let steps: [Step]
    let method: String
    /// Header names to rename on the way back, in order.
    public let headerRenames: [HeaderRename]
}
