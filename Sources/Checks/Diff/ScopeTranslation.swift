import Versioning

/// Names a change's endpoints in one version's terms. A manifest scopes a change in the declaring version's terms
/// (a `rename-path` by its newer path); a client of another version calls those endpoints by other paths, which the
/// translator's path renames tell, for each method: `POST /connections/{id}/syncs` in v2 is
/// `POST /connections/{id}/sync` in v1, while a `GET` keeps its path.
struct ScopeTranslation {
    private let catalog: VersionCatalog
    private let translator: Translator
    /// The version whose names the endpoints take.
    private let target: VersionName

    /// Stands for every method no path rename names: no method is spelt this way.
    private static let anyOtherMethod = ""

    init(catalog: VersionCatalog, into target: VersionName) {
        self.catalog = catalog
        self.translator = Translator(catalog: catalog)
        self.target = target
    }

    /// The endpoints of `change`, declared in `version`, in the target version's terms; one every-endpoint entry for
    /// a change without endpoints.
    func endpoints(of change: VersionChange, declaredIn version: VersionName) -> [DiffEndpoint] {
        let declared: [PathTemplate]
        let subpaths: Bool
        if case .renamePath(_, let newer) = change.verb {
            (declared, subpaths) = ([newer], true)
        } else {
            (declared, subpaths) = (change.scope.endpoints, false)
        }
        let methods = change.scope.methods.sorted()
        let declaredMethods: DiffMethods = methods.isEmpty ? .all : .only(methods)
        guard !declared.isEmpty else { return [DiffEndpoint(path: nil, methods: declaredMethods)] }
        let plan = self.translator.requestPlan(from: version, to: self.target)
        let renamed = self.methodsNamedByPathRenames(along: plan)
        let candidates = methods.isEmpty ? renamed + [Self.anyOtherMethod] : methods
        var endpoints: [DiffEndpoint] = []
        for template in declared {
            // The template's path for each method, grouped by path in the order the methods first give it.
            var paths: [(path: PathTemplate, methods: [String])] = []
            for method in candidates {
                let translated = self.translator.translatePath(template.description, method: method, plan: plan)
                let path = PathTemplate(translated) ?? template
                if let index = paths.firstIndex(where: { $0.path == path }) {
                    paths[index].methods.append(method)
                } else {
                    paths.append((path, [method]))
                }
            }
            if paths.count == 1 {
                endpoints.append(
                    DiffEndpoint(path: paths[0].path, includesSubpaths: subpaths, methods: declaredMethods)
                )
                continue
            }
            for (path, group) in paths {
                let methods: DiffMethods =
                    group.contains(Self.anyOtherMethod)
                    ? .allExcept(renamed.filter { !group.contains($0) }) : .only(group.sorted())
                endpoints.append(DiffEndpoint(path: path, includesSubpaths: subpaths, methods: methods))
            }
        }
        var seen: Set<DiffEndpoint> = []
        return endpoints.filter { seen.insert($0).inserted }
    }

    /// The methods the path renames along `plan` are limited to, sorted: the only methods whose paths can differ.
    private func methodsNamedByPathRenames(along plan: TranslationPlan) -> [String] {
        var methods: Set<String> = []
        for step in plan.steps {
            for change in self.catalog[step.version]?.changes ?? [] {
                if case .renamePath = change.verb { methods.formUnion(change.scope.methods) }
            }
        }
        return methods.sorted()
    }
}
