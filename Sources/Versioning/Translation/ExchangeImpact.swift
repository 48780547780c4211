/// The changes along a plan that would alter one exchange recorded in the plan's first version, by side. A change
/// counts when its verb finds something to rewrite: the path it renames, the query parameter or header that is
/// there, a body field it renames, wraps or converts, a value it maps, a list in the envelope it reshapes.
///
/// Read by migration checks (which of a client's recorded exchanges a newer version alters) and by the gateway's
/// shadow preview (which changes a newer version would make to the exchange it just served).
public struct ExchangeImpact: Sendable, Equatable {
    /// Changes that would alter the request: its path, query, fields or content.
    public var request = FiredChanges()
    /// Changes that would alter the response: its fields or content.
    public var response = FiredChanges()
    /// Changes that concern the exchange but whose subject could not be looked for: the body they apply to was
    /// not JSON, or was not recorded. Neither altered nor known to leave it alone.
    public var unexamined = FiredChanges()
    /// Whether a body a change concerns could not be read as JSON, so its changes could not be told.
    public var unreadableRequestBody = false
    public var unreadableResponseBody = false

    public init() {}

    /// Both sides, request first.
    public var all: FiredChanges {
        var all = self.request
        all.formUnion(self.response)
        return all
    }
}

/// An exchange walked onward along a plan, request first (``Translator/walkOnward(method:target:fieldNames:body:plan:)``)
/// and then, once it is there, its response (``Translator/walkOnward(_:status:fieldNames:body:)``).
public struct OnwardWalk: Sendable, Equatable {
    public internal(set) var impact = ExchangeImpact()
    let method: String
    /// The response's walk: the request's response plan taken the other way.
    let responsePlan: ResponsePlan
    let headerRenames: [HeaderRename]
}

extension Translator {
    /// Which changes along `plan` would alter an exchange recorded in the plan's first version: both halves of
    /// ``walkOnward(method:target:fieldNames:body:plan:)`` and ``walkOnward(_:status:fieldNames:body:)``.
    ///
    /// - Parameters:
    ///   - target: the request target in origin form (path and query).
    ///   - requestFieldNames, responseFieldNames: the header field names present, for `rename-header`.
    ///   - status: the response status; nil when no response was recorded.
    public func impact(
        method: String,
        target: String,
        requestFieldNames: some Sequence<String>,
        requestBody: [UInt8]?,
        status: Int?,
        responseFieldNames: some Sequence<String>,
        responseBody: ResponseContent,
        plan: TranslationPlan
    ) -> ExchangeImpact {
        var walk = self.walkOnward(
            method: method,
            target: target,
            fieldNames: requestFieldNames,
            body: requestBody,
            plan: plan
        )
        if let status {
            self.walkOnward(&walk, status: status, fieldNames: responseFieldNames, body: responseBody)
        }
        return walk.impact
    }

    /// Walks a request along `plan` as the gateway would, noting the changes that would alter it; a body that a
    /// change concerns but that is not JSON is noted as unreadable, and the rest of the request is still walked.
    public func walkOnward(
        method: String,
        target: String,
        fieldNames: some Sequence<String>,
        body: [UInt8]?,
        plan: TranslationPlan
    ) -> OnwardWalk {
        var impact = ExchangeImpact()
        let translation: RequestTranslation
        do {
            // Read always: a body that is not JSON leaves the changes it concerns unexamined, not unmet.
            translation = try self.translateRequest(
                method: method,
                target: target,
                body: body,
                plan: plan,
                reading: .always
            )
        } catch {
            impact.unreadableRequestBody = true
            // Without its body the walk cannot fail: only parsing a body throws.
            translation = try! self.translateRequest(method: method, target: target, body: nil, plan: plan)
            impact.unexamined = translation.responsePlan.bodyChanges
        }
        impact.request = translation.firedChanges
        for name in fieldNames { _ = translation.headerRenames.apply(to: name, fired: &impact.request) }
        let backward = translation.responsePlan
        return OnwardWalk(
            impact: impact,
            method: method,
            responsePlan: ResponsePlan(
                steps: backward.steps.reversed().map {
                    ResponsePlan.Step(step: $0.step.flipped, path: $0.path)
                },
                method: backward.method,
                headerRenames: translation.headerRenames
            ),
            headerRenames: translation.headerRenames
        )
    }

    /// Walks the response to a request walked by ``walkOnward(method:target:fieldNames:body:plan:)`` onward along
    /// the same plan (not back), so a response in the plan's first version meets the changes the last version
    /// would make to it. As in the gateway, only a successful (2xx) response's content is read, and a HEAD's never.
    /// - Parameter body: the content; ``ResponseContent/unrecorded`` when there was some but it was not kept.
    public func walkOnward(
        _ walk: inout OnwardWalk,
        status: Int,
        fieldNames: some Sequence<String>,
        body: ResponseContent
    ) {
        for name in fieldNames { _ = walk.headerRenames.apply(to: name, fired: &walk.impact.response) }
        guard walk.method != "HEAD", (200..<300).contains(status) else { return }
        switch body {
        case .none:
            return
        case .unrecorded:
            walk.impact.unexamined.formUnion(walk.responsePlan.bodyChanges)
        case .bytes(let bytes):
            do {
                _ = try self.translateResponse(
                    body: bytes,
                    plan: walk.responsePlan,
                    fired: &walk.impact.response,
                    reading: .always
                )
            } catch {
                walk.impact.unreadableResponseBody = true
                walk.impact.unexamined.formUnion(walk.responsePlan.bodyChanges)
            }
        }
    }
}

/// A response's content as far as it is known.
public enum ResponseContent: Sendable, Equatable {
    /// No content.
    case none
    /// The content, as received.
    case bytes([UInt8])
    /// There was content, but it was not kept (a HAR saved without bodies).
    case unrecorded
}

extension ResponsePlan {
    /// The body changes of every step that concern the request (whichever way they are read).
    var bodyChanges: FiredChanges {
        var changes = FiredChanges()
        for planned in self.steps {
            for body in planned.step.bodyChanges(method: self.method, path: planned.path) {
                changes.insert(body.reference)
            }
        }
        return changes
    }
}
