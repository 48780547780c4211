import Testing

@testable import Versioning

/// `versions/README.md` says what the code does: its manifests decode and pass the checks, each of its examples
/// translates as shown through the real decoder and translator, and it covers every field and verb the decoder knows.
@Suite struct ManifestReferenceTests {
    private static let path = "versions/README.md"
    private let text: String
    private let reference: ManifestReference

    init() throws {
        self.text = try RepositoryFiles.text(Self.path)
        self.reference = ManifestReference(text: self.text)
    }

    @Test func everyExampleFollowsTheLayout() {
        #expect(self.reference.problems == [], "\(Self.path): the layout is described in ManifestReference.swift")
        #expect(!self.reference.changes.isEmpty)
    }

    @Test func theExampleManifestsPassTheChecks() {
        let files = self.reference.manifests.map { block in
            (path: String(block.text.prefix { $0 != "\n" }.dropFirst(2)), text: block.text)
        }
        #expect(files.count >= 2)
        let check = VersionCheck(manifestFiles: files, guideNames: nil)
        #expect(check.findings.map(\.description) == [])
    }

    @Test func everyExampleTranslatesAsShown() throws {
        for changes in self.reference.changes {
            let translator = Translator(catalog: try self.catalog(declaring: changes.block))
            for pair in changes.pairs {
                let translated = try self.translate(pair.arriving, pair, translator)
                #expect(
                    Self.normalized(translated, pair.leaving.language)
                        == Self.normalized(pair.leaving.text, pair.leaving.language),
                    "\(Self.path):\(pair.leaving.line): the translator gives \(translated)"
                )
            }
        }
    }

    @Test func everyVerbHasASectionAndAnExample() throws {
        var exemplified: Set<String> = []
        for changes in self.reference.changes where !changes.pairs.isEmpty {
            exemplified.formUnion(try self.declared(changes.block).changes.map(\.verb.name))
        }
        for verb in ChangeVerb.names {
            #expect(exemplified.contains(verb), "\(Self.path) has no translated example of \(verb)")
            let hasSection = self.text.contains("\n### `\(verb)`\n")
            #expect(hasSection, "\(Self.path) has no section for \(verb)")
        }
    }

    @Test func everyFieldAndChangeKeyHasARow() throws {
        let parts = self.text.split(separator: "\n## A change\n", maxSplits: 1)
        try #require(parts.count == 2, "\(Self.path) has no '## A change' section")
        for key in ManifestDecoder.knownKeys {
            #expect(parts[0].contains("\n| `\(key)` |"), "\(Self.path) does not describe the manifest field \(key)")
        }
        for key in ChangeDecoder.commonKeys {
            #expect(parts[1].contains("\n| `\(key)` |"), "\(Self.path) does not describe the change key \(key)")
        }
    }

    /// `v2` declaring the changes of `block` against `v1`, decoded as any manifest is.
    private func declared(_ block: ManifestReference.Block) throws -> VersionManifest {
        let changes = block.text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        return try ManifestDecoder.decode(
            (["version: v2", "status: draft", "previous: v1", "changes:"] + changes).joined(separator: "\n"),
            file: "\(Self.path) (the yaml block on line \(block.line), under 'changes:' of v2)"
        )
    }

    private func catalog(declaring block: ManifestReference.Block) throws -> VersionCatalog {
        let v1 = try ManifestDecoder.decode(
            "version: v1\nstatus: current\nreleased: 2025-01-01\nsuccessor: v2\n",
            file: "versions/v1.yaml"
        )
        return try VersionCatalog([v1, try self.declared(block)])
    }

    /// What the gateway makes of `arriving`, a v1 request on its way to a v2 upstream or a v2 response on its way back.
    private func translate(
        _ arriving: ManifestReference.Block,
        _ pair: ManifestReference.Pair,
        _ translator: Translator
    ) throws -> String {
        let plan = translator.requestPlan(from: VersionName("v1")!, to: VersionName("v2")!)
        var lines = arriving.text.split(separator: "\n").map(String.init)
        let (method, target) = pair.request ?? Self.requestLine(lines.isEmpty ? "" : lines.removeFirst())
        let isJSON = arriving.language == "json"
        let translation = try translator.translateRequest(
            method: method,
            target: target,
            body: pair.message == .request && isJSON ? Array(arriving.text.utf8) : nil,
            plan: plan
        )
        switch (pair.message, isJSON) {
        case (.request, true):
            return String(decoding: translation.body ?? [], as: UTF8.self)
        case (.request, false):
            let headers = Self.headers(lines).map { "\(translation.headerRenames.apply(to: $0.name)): \($0.value)" }
            return ([method + " " + translation.target] + headers).joined(separator: "\n")
        case (.response, true):
            let body = Array(arriving.text.utf8)
            let translated = try translator.translateResponse(body: body, plan: translation.responsePlan)
            return String(decoding: translated ?? body, as: UTF8.self)
        case (.response, false):
            let plan = translation.responsePlan
            return Self.headers(lines).map { field in
                var value = field.value
                if field.name.lowercased() == "location", value.hasPrefix("/") {
                    let end = value.firstIndex { $0 == "?" || $0 == "#" } ?? value.endIndex
                    value = translator.translatePath(String(value[..<end]), method: "GET", plan: plan) + value[end...]
                }
                return "\(plan.headerRenames.apply(to: field.name)): \(value)"
            }.joined(separator: "\n")
        }
    }

    /// `GET /x?y=1` as its method and target.
    private static func requestLine(_ line: String) -> (method: String, target: String) {
        let space = line.firstIndex(of: " ") ?? line.endIndex
        return (String(line[..<space]), String(line[space...].dropFirst()))
    }

    private static func headers(_ lines: [String]) -> [(name: String, value: String)] {
        lines.map { line in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            return (String(line[..<colon]), String(line[colon...].dropFirst().drop { $0 == " " }))
        }
    }

    /// JSON without the whitespace between its tokens; HTTP lines without blank ones.
    private static func normalized(_ text: String, _ language: String) -> String {
        guard language == "json" else { return text.split(separator: "\n").joined(separator: "\n") }
        var result = ""
        var inString = false
        var escaped = false
        for character in text {
            if inString {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
            } else if character == "\"" {
                inString = true
            } else if character.isWhitespace {
                continue
            }
            result.append(character)
        }
        return result
    }
}
