import Versioning

extension MigrationCheckResult {
    /// A check from the usage ledger: a change hits when it fired on the client's requests served in `from`
    /// (translated to an upstream speaking `to` or later, or previewing it).
    ///
    /// A change that never fired says nothing unless the requests were compared with `to` at all, so the check
    /// refuses to run when none was, and says how many were when only some were.
    /// - Throws: ``MigrationCheckError`` for unknown versions, `from` not older than `to`, a ledger with no request
    ///   of the client's on `from`, or none of them evaluated against `to` or later.
    public init(
        catalog: VersionCatalog,
        from: VersionName,
        to: VersionName,
        ledger: LedgerEvidence
    ) throws(MigrationCheckError) {
        try MigrationCheckError.validate(from: from, to: to, in: catalog)
        let requests = ledger.requests.values.reduce(0, +)
        let source = "the ledger (\(ledger.window))"
        guard requests > 0 else {
            throw MigrationCheckError("\(source) holds no request from \(ledger.client) served in \(from)")
        }
        let evaluated = ledger.evaluated.filter { $0.key >= to }.values.reduce(0, +)
        guard evaluated > 0 else {
            throw MigrationCheckError(
                "\(source) holds \(Self.count(requests, "request")) from \(ledger.client) served in \(from), none "
                    + "translated to \(to) or later or previewing it, so it cannot tell what \(to) would change: "
                    + "have the client send API-Version-Preview: \(to), or check recorded traffic with --traffic"
            )
        }
        let routes = ledger.requests.sorted {
            ($1.value, $0.key.method, $0.key.route) < ($0.value, $1.key.method, $1.key.route)
        }
        let translator = Translator(catalog: catalog)
        let outcomes = DeclaredChange.along(catalog, from: from, to: to).map { change in
            let fired = ledger.changes[change.reference] ?? 0
            // Requests never compared with `to` could have met any change: none is known to be safe for them.
            let unexamined = fired == 0 ? requests - evaluated : 0
            let example =
                fired == 0
                ? nil
                : Self.example(
                    of: change,
                    among: routes.map(\.key),
                    from: from,
                    catalog: catalog,
                    translator: translator
                )
            return ChangeOutcome(change: change, requests: fired, unexamined: unexamined, example: example)
        }
        self.init(
            from: from,
            to: to,
            source: .ledger(client: ledger.client, window: ledger.window),
            requests: requests,
            outcomes: outcomes,
            coverage: LedgerCoverage(
                evaluated: evaluated,
                previewed: ledger.previewed.filter { $0.key >= to }.values.reduce(0, +)
            )
        )
    }

    /// The client's most frequent route that the change's scope covers (routes walked to the declaring version's
    /// terms first); nil when none does, as for a change that fired on a route no manifest names.
    private static func example(
        of change: DeclaredChange,
        among routes: [LedgerEvidence.Route],
        from: VersionName,
        catalog: VersionCatalog,
        translator: Translator
    ) -> HitExample? {
        let scope = change.change.scope
        guard let previous = catalog[change.version]?.previous else { return nil }
        let plan = translator.requestPlan(from: from, to: previous)
        for route in routes where scope.methods.isEmpty || scope.methods.contains(route.method) {
            let older = translator.translatePath(route.route, method: route.method, plan: plan)
            let covered: Bool
            if case .renamePath(let renamed, _) = change.change.verb {
                covered = older == renamed.description || older.hasPrefix(renamed.description + "/")
            } else {
                let declared = translator.translatePath(
                    older,
                    method: route.method,
                    plan: translator.requestPlan(from: previous, to: change.version)
                )
                covered = scope.endpoints.isEmpty || scope.endpoints.contains { $0.description == declared }
            }
            guard covered else { continue }
            return HitExample(
                method: route.method,
                target: route.route,
                subject: ChangeSubject.describe(change.change.verb),
                origin: nil
            )
        }
        return nil
    }
}
