import Versioning

extension MigrationCheckResult {
    /// The result as JUnit XML, the report format CI dashboards read (Jenkins, GitLab, GitHub Actions reporters):
    /// one test case per breaking change on the way, failed when it hits the traffic, skipped when it could not be
    /// checked. Non-breaking changes are not test cases: they cannot fail a client.
    public var junit: String {
        let breaking = self.outcomes.filter(\.change.change.breaking)
        let failures = self.hits.count
        let skipped = self.unchecked.count
        let suite = "\(self.from) to \(self.to)"
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuites name="versiongate check client" tests="\#(breaking.count)" failures="\#(failures)">"#,
            #"  <testsuite name="\#(Self.xml(suite))" tests="\#(breaking.count)" failures="\#(failures)" errors="0" skipped="\#(skipped)">"#,
        ]
        for outcome in breaking {
            let opening =
                #"    <testcase classname="versiongate.check.\#(Self.xml("\(self.from)-to-\(self.to)"))" name="\#(Self.xml(outcome.change.reference.description))""#
            if outcome.requests == 0, outcome.unexamined > 0 {
                let message = "\(Self.count(outcome.unexamined, "request")) it concerns could not be examined"
                lines += [opening + ">", #"      <skipped message="\#(Self.xml(message))"/>"#, "    </testcase>"]
                continue
            }
            guard outcome.requests > 0 else {
                lines.append(opening + "/>")
                continue
            }
            let message = "hits \(Self.count(outcome.requests, "request")): \(outcome.change.change.summary)"
            var details: [String] = []
            if let example = outcome.example { details.append("e.g. \(example.description)") }
            if let guide = outcome.change.guide { details.append("read: \(guide)") }
            lines += [
                opening + ">",
                #"      <failure type="BreakingChange" message="\#(Self.xml(message))">\#(Self.xml(details.joined(separator: "\n")))</failure>"#,
                "    </testcase>",
            ]
        }
        lines += ["  </testsuite>", "</testsuites>"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text escaped for XML content and attribute values (``MarkupEscaping``), control characters XML cannot carry
    /// (XML 1.0 §2.2) replaced by U+FFFD first.
    static func xml(_ text: String) -> String {
        let carried = text.unicodeScalars.map { scalar in
            scalar.value < 0x20 && scalar != "\n" && scalar != "\t" ? "\u{FFFD}" : Character(scalar)
        }
        return MarkupEscaping.escaped(String(carried))
    }
}
