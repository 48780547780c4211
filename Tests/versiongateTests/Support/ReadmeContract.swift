import Foundation
import TestSupport

/// A page of documentation read as a contract (the rules are ``ReadmeExchangeTests``'s): its fenced blocks, the
/// `versiongate` commands of its `sh` blocks, and its exchanges, each with the gateway command that answers it.
struct ReadmeContract {
    /// A fenced block: what follows its opening fence (`sh`, `yaml`, or nothing), and its lines, the first of them
    /// at line `line` of the page.
    struct Block {
        let info: String
        let line: Int
        let lines: [String]
    }

    /// The exchanges that one gateway command answers, in the page's order.
    struct Group {
        let command: VersiongateCommand
        var exchanges: [Exchange]
    }

    let blocks: [Block]

    init(_ text: String) {
        var blocks: [Block] = []
        var open: Block?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("```") {
                if let block = open {
                    blocks.append(block)
                    open = nil
                } else {
                    open = Block(
                        info: line.dropFirst(3).trimmingCharacters(in: .whitespaces),
                        line: index + 2,
                        lines: []
                    )
                }
            } else if let block = open {
                open = Block(info: block.info, line: block.line, lines: block.lines + [String(line)])
            }
        }
        self.blocks = blocks
    }

    /// Every `versiongate` command of the `sh` blocks.
    var commands: [VersiongateCommand] { self.blocks.flatMap(Self.commands) }

    /// The `versiongate` commands of `block` if it is an `sh` block, continuation lines joined, comments dropped.
    private static func commands(in block: Block) -> [VersiongateCommand] {
        guard block.info == "sh" else { return [] }
        var commands: [VersiongateCommand] = []
        var pending: (line: Int, text: String)?
        for (offset, line) in block.lines.enumerated() {
            let start = pending?.line ?? block.line + offset
            let text = (pending?.text ?? "") + line
            guard !line.hasSuffix("\\") else {
                pending = (start, String(text.dropLast()) + " ")
                continue
            }
            pending = nil
            if let command = VersiongateCommand(shellWords(text), line: start) { commands.append(command) }
        }
        return commands
    }

    /// The exchange blocks' exchanges, grouped under the `versiongate demo` or `serve` command nearest above them.
    /// - Throws: a ``RawHTTPClient/Failure`` naming the line that does not read as an exchange, or an exchange that
    ///   no gateway command precedes.
    func exchangeGroups() throws -> [Group] {
        var groups: [Group] = []
        var gateway: VersiongateCommand?
        for block in self.blocks {
            gateway = Self.commands(in: block).last { $0.startsGateway } ?? gateway
            guard block.lines.first?.hasPrefix("$ curl ") == true else { continue }
            guard let gateway else {
                throw RawHTTPClient.Failure(description: "README.md:\(block.line): no versiongate demo or serve above")
            }
            let exchanges = try Exchange.all(in: block)
            if groups.last?.command.line == gateway.line {
                groups[groups.count - 1].exchanges += exchanges
            } else {
                groups.append(Group(command: gateway, exchanges: exchanges))
            }
        }
        return groups
    }
}

/// A `versiongate` command as a page prints it (`VERSIONGATE_NOW=… swift run versiongate demo …`, or
/// `.build/release/versiongate serve …` after other commands and `&&`): its environment and arguments.
struct VersiongateCommand: CustomStringConvertible {
    let line: Int
    let environment: [String: String]
    let arguments: [String]
    let description: String

    /// `words` as `sh` splits them; nil when no `versiongate` runs in them.
    init?(_ words: [String], line: Int) {
        let words = words.prefix { !$0.hasPrefix("#") }
        let segments = words.split { ["&&", "||", ";", "|", "&"].contains($0) }
        let isProgram: (String) -> Bool = { $0 == "versiongate" || $0.hasSuffix("/versiongate") }
        guard let segment = segments.first(where: { $0.contains(where: isProgram) }),
            let program = segment.firstIndex(where: isProgram)
        else { return nil }
        var environment: [String: String] = [:]
        for word in segment.prefix(while: { $0.first?.isUppercase == true && $0.contains("=") }) {
            let parts = word.split(separator: "=", maxSplits: 1)
            environment[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        self.line = line
        self.environment = environment
        self.arguments = Array(segment[(program + 1)...].prefix { !$0.hasPrefix(">") && !$0.hasPrefix("<") })
        self.description = segment.joined(separator: " ")
    }

    var startsGateway: Bool { ["demo", "serve"].contains(self.arguments.first) }

    /// The value of `option` (`--port 8080` or `--port=8080`), if given.
    func value(of option: String) -> String? {
        for (index, word) in self.arguments.enumerated() {
            if word == option, index + 1 < self.arguments.count { return self.arguments[index + 1] }
            if word.hasPrefix(option + "=") { return String(word.dropFirst(option.count + 1)) }
        }
        return nil
    }

    /// The arguments without `options` and their values.
    func arguments(removing options: Set<String>) -> [String] {
        var kept: [String] = []
        var skipsValue = false
        for word in self.arguments {
            if skipsValue {
                skipsValue = false
            } else if options.contains(word) {
                skipsValue = true
            } else if !options.contains(where: { word.hasPrefix($0 + "=") }) {
                kept.append(word)
            }
        }
        return kept
    }
}
