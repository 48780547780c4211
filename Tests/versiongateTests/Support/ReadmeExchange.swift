import Foundation
import TestSupport

/// One exchange a page shows: a `$ curl -i …` command, then the response as curl prints it, with only some of its
/// header fields and its body perhaps wrapped (the rules are ``ReadmeExchangeTests``'s).
struct Exchange: CustomStringConvertible {
    /// Where the command is: `README.md:42`.
    let location: String
    /// The command as shown, continuation lines joined.
    let command: String
    let request: CurlRequest
    let statusLine: String
    let fields: [(name: String, value: String)]
    let body: String

    var description: String { "\(self.location) `\(self.command)`" }

    /// The exchanges of an exchange block.
    /// - Throws: a ``RawHTTPClient/Failure`` naming the first line that does not read as part of an exchange.
    static func all(in block: ReadmeContract.Block) throws -> [Exchange] {
        var lines = block.lines.enumerated().map { (number: block.line + $0.offset, text: $0.element) }[...]
        var exchanges: [Exchange] = []
        while let (number, first) = lines.popFirst() {
            if first.isEmpty { continue }
            func failure(_ problem: String) -> RawHTTPClient.Failure {
                RawHTTPClient.Failure(description: "README.md:\(number): \(problem)")
            }
            guard first.hasPrefix("$ curl ") else { throw failure("expected `$ curl …`, found `\(first)`") }
            var command = String(first.dropFirst(2))
            while command.hasSuffix("\\"), let next = lines.popFirst() {
                command = command.dropLast() + " " + next.text.drop { $0 == " " }
            }
            guard let status = lines.popFirst()?.text, status.hasPrefix("HTTP/") else {
                throw failure("expected a status line after the command")
            }
            var fields: [(name: String, value: String)] = []
            while let field = lines.popFirst()?.text, !field.isEmpty {
                let parts = field.split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else { throw failure("`\(field)` is not a header field") }
                fields.append((String(parts[0]), parts[1].trimmingCharacters(in: .whitespaces)))
            }
            var bodyLines: [String] = []
            while let line = lines.first?.text, !line.isEmpty, !line.hasPrefix("$ ") {
                bodyLines.append(line)
                lines.removeFirst()
            }
            exchanges.append(
                Exchange(
                    location: "README.md:\(number)",
                    command: command,
                    request: try CurlRequest(shellWords(command), at: "README.md:\(number)"),
                    statusLine: status,
                    fields: fields,
                    body: (bodyLines.first ?? "") + bodyLines.dropFirst().map { $0.drop { $0 == " " } }.joined()
                )
            )
        }
        return exchanges
    }

    /// How `response` differs from what the exchange shows, one line per difference; empty when it does not.
    func mismatches(_ response: RawResponse) -> [String] {
        var found: [String] = []
        let statusLine = "HTTP/1.1 \(response.status) \(response.reason)"
        if statusLine != self.statusLine { found.append("status line is `\(statusLine)`, not `\(self.statusLine)`") }
        var names: [String] = []
        for field in self.fields where !names.contains(field.name.lowercased()) {
            names.append(field.name.lowercased())
        }
        for name in names {
            let shown = self.fields.filter { $0.name.lowercased() == name }.map(\.value)
            let sent = response.headers.filter { $0.0.lowercased() == name }.map(\.1)
            if shown != sent { found.append("\(name) is \(sent), not \(shown)") }
        }
        if response.text != self.body { found.append("body is\n\(response.text)\nnot\n\(self.body)") }
        return found
    }
}

/// A `curl` command as an exchange shows it: `-i` (required, since the exchange shows the response's head), `-s`,
/// `-X METHOD`, `-H 'Name: value'`, `-d BODY`, and a URL on the gateway of the page, http://127.0.0.1:8080.
struct CurlRequest: CustomStringConvertible {
    static let gateway = "http://127.0.0.1:8080"

    var method = "GET"
    var target = "/"
    var headers: [(String, String)] = []
    var body: String?
    let description: String

    init(_ words: [String], at location: String) throws {
        self.description = words.joined(separator: " ")
        func failure(_ problem: String) -> RawHTTPClient.Failure {
            RawHTTPClient.Failure(description: "\(location): \(problem) in `\(words.joined(separator: " "))`")
        }
        var words = words.dropFirst()
        var method: String?
        var includesHead = false
        while let word = words.popFirst() {
            switch word {
            case "-i": includesHead = true
            case "-s": continue
            case "-X": method = words.popFirst()
            case "-d": self.body = words.popFirst()
            case "-H":
                let field = words.popFirst()?.split(separator: ":", maxSplits: 1) ?? []
                guard field.count == 2 else { throw failure("-H needs 'Name: value'") }
                self.headers.append((String(field[0]), field[1].trimmingCharacters(in: .whitespaces)))
            case let url where url.hasPrefix(Self.gateway):
                let target = String(url.dropFirst(Self.gateway.count))
                guard target.isEmpty || target.hasPrefix("/") else { throw failure("the gateway is \(Self.gateway)") }
                self.target = target.isEmpty ? "/" : target
            default:
                throw failure("`\(word)` is not an option the test knows, nor a URL on \(Self.gateway)")
            }
        }
        guard includesHead else { throw failure("an exchange shows the response's head: curl needs -i") }
        // curl sends a body given with -d as a form unless told otherwise, and POSTs it.
        if self.body != nil, !self.headers.contains(where: { $0.0.lowercased() == "content-type" }) {
            self.headers.append(("Content-Type", "application/x-www-form-urlencoded"))
        }
        self.method = method ?? (self.body == nil ? "GET" : "POST")
    }
}
