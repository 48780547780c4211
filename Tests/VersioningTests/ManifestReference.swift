/// The examples of `versions/README.md`, read the way the page lays them out:
///
/// - a ```` ```yaml ```` block opening with `# versions/<file>` is a whole manifest;
/// - a ```` ```yaml ```` block opening with `- ` is a list of changes, declared by `v2` against `v1`, and the pairs
///   after it (up to the next such block) are its examples;
/// - a pair is a caption line, `Request, older → newer:`, `Request `POST /x`, older → newer:` or
///   `Response to `GET /x`, newer → older:`, followed by two ```` ```json ```` or ```` ```http ```` blocks: what
///   arrives, then what leaves. An `http` request block opens with its request line (`GET /x?y=1`), then header
///   lines; an `http` response block holds header lines.
///
/// Anything else that breaks this layout is a ``problems`` entry, so that no example goes unchecked.
struct ManifestReference {
    /// A fenced block and the line its fence opens on.
    struct Block {
        let language: String
        let text: String
        let line: Int
    }

    struct Pair {
        enum Message { case request, response }

        let message: Message
        /// The request as the older client sends it; nil for an `http` request, which holds its own.
        let request: (method: String, target: String)?
        let arriving: Block
        let leaving: Block
        let line: Int
    }

    struct Changes {
        let block: Block
        var pairs: [Pair] = []
    }

    private(set) var manifests: [Block] = []
    private(set) var changes: [Changes] = []
    private(set) var problems: [String] = []

    /// A `Regex` is not `Sendable`, so each use makes its own.
    private static var caption: Regex<(Substring, Substring, Substring?, Substring?, Substring, Substring)> {
        /^(Request|Response to)(?: `([A-Z]+) ([^` ]+)`)?, (older|newer) → (older|newer):$/
    }

    init(text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var pending: (caption: String, line: Int, blocks: [Block])?
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            if line.hasPrefix("```") {
                let start = index
                while index < lines.count, lines[index] != "```" { index += 1 }
                let block = Block(
                    language: String(line.dropFirst(3)),
                    text: lines[start..<min(index, lines.count)].joined(separator: "\n"),
                    line: start
                )
                index += 1
                switch block.language {
                case "yaml":
                    self.expectNothing(pending)
                    pending = nil
                    self.add(yaml: block)
                case "json", "http":
                    guard var captioned = pending else {
                        self.problems.append("line \(block.line): a \(block.language) block without a caption")
                        continue
                    }
                    captioned.blocks.append(block)
                    pending = captioned
                    if captioned.blocks.count == 2 {
                        self.add(captioned.caption, line: captioned.line, captioned.blocks[0], captioned.blocks[1])
                        pending = nil
                    }
                default:
                    continue
                }
            } else if line.wholeMatch(of: Self.caption) != nil {
                self.expectNothing(pending)
                pending = (line, index, [])
            }
        }
        self.expectNothing(pending)
        for changes in self.changes where changes.pairs.isEmpty {
            self.problems.append("line \(changes.block.line): changes without an example")
        }
    }

    private mutating func expectNothing(_ pending: (caption: String, line: Int, blocks: [Block])?) {
        guard let pending else { return }
        self.problems.append("line \(pending.line): '\(pending.caption)' needs two blocks, has \(pending.blocks.count)")
    }

    private mutating func add(yaml block: Block) {
        if block.text.hasPrefix("# versions/") {
            self.manifests.append(block)
        } else if block.text.hasPrefix("- ") {
            self.changes.append(Changes(block: block))
        } else {
            self.problems.append("line \(block.line): a yaml block that is neither a manifest nor a list of changes")
        }
    }

    private mutating func add(_ caption: String, line: Int, _ arriving: Block, _ leaving: Block) {
        let match = caption.wholeMatch(of: Self.caption)!.output
        let message: Pair.Message = match.1 == "Request" ? .request : .response
        let request = match.2.map { (method: String($0), target: String(match.3!)) }
        let walk = "\(match.4) → \(match.5)"
        var problems: [String] = []
        if message == .request, walk != "older → newer" { problems.append("a request walks older → newer") }
        if message == .response, walk != "newer → older" { problems.append("a response walks newer → older") }
        if message == .response, request == nil { problems.append("a response names the request it answers") }
        if arriving.language != leaving.language { problems.append("both blocks are json, or both http") }
        if message == .request, (arriving.language == "json") != (request != nil) {
            problems.append("a json request names its request line in the caption, an http one in its blocks")
        }
        guard let changes = self.changes.indices.last else {
            problems.append("an example before any change")
            self.problems += problems.map { "line \(line): \($0)" }
            return
        }
        guard problems.isEmpty else {
            self.problems += problems.map { "line \(line): \($0)" }
            return
        }
        self.changes[changes].pairs.append(
            Pair(message: message, request: request, arriving: arriving, leaving: leaving, line: line)
        )
    }
}
