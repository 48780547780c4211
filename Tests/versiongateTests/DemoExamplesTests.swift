import Foundation
import TestSupport
import Testing

/// The example requests `versiongate demo` prints, replayed as printed: a newcomer's first requests must work.
@Suite struct DemoExamplesTests {
    /// The versions the demo serves; an example naming another one shows the 400 problem.
    private static let served: Set<String> = ["v1", "v2"]

    @Test func everyPrintedExampleAnswersInTheVersionItAsksFor() throws {
        let demo = try RunningVersiongate(["demo", "--port", "0", "--upstream-port", "0"])
        defer { _ = demo.stop() }
        try #require(try demo.waitForLine(where: { $0.contains("Ctrl-C stops the demo") }) != nil, "\(demo.text)")
        let examples = try commands(in: demo.text, startingWith: "curl ").map(CurlExample.init)
        #expect(examples.count == 6, "\(demo.text)")
        for example in examples {
            let response = try RawHTTPClient(port: demo.port).request(
                example.method,
                example.target,
                headers: example.headers,
                body: example.body.map { Array($0.utf8) }
            )
            let answer = "\(example) answered \(response.status): \(response.text)"
            if let version = example.version, !Self.served.contains(version) {
                #expect(response.status == 400, "\(answer)")
                continue
            }
            #expect((200..<300).contains(response.status), "\(answer)")
            #expect(response.header("API-Version") == example.version ?? "v1", "\(answer)")
            // What an example sends comes back as sent: a body in another version's form would come back translated.
            if let body = example.body {
                let sent = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                let received = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
                for (name, value) in sent {
                    #expect(received?[name] as? NSObject == value as? NSObject, "\(name) in \(answer)")
                }
            }
        }
    }
}

/// One printed `curl` command: `-X`, `-H` and `-d` as curl reads them, the URL's path and query.
private struct CurlExample: CustomStringConvertible {
    var method = "GET"
    var target = "/"
    var headers: [(String, String)] = []
    var body: String?
    let description: String

    /// The version the example asks for in its `API-Version` header.
    var version: String? { self.headers.first { $0.0.lowercased() == "api-version" }?.1 }

    init(_ words: [String]) throws {
        self.description = words.joined(separator: " ")
        var words = words.dropFirst()
        var method: String?
        while let word = words.popFirst() {
            switch word {
            case "-X": method = words.popFirst()
            case "-H":
                let field = try #require(words.popFirst()?.split(separator: ":", maxSplits: 1), "\(self.description)")
                try #require(field.count == 2, "\(self.description)")
                self.headers.append((String(field[0]), field[1].trimmingCharacters(in: .whitespaces)))
            case "-d": self.body = words.popFirst()
            case "-i", "-s": continue
            default:
                let url = try #require(URLComponents(string: word), "\(self.description)")
                self.target = url.percentEncodedPath + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
            }
        }
        self.method = method ?? (self.body == nil ? "GET" : "POST")
    }
}
