import Versioning

/// Phrases every format of a check shares, so that they say the same thing.
extension MigrationCheckResult {
    /// `42 requests from calls.har`, `1,240 requests from acme on v1 (ledger, since 30d)`.
    var readFrom: String {
        switch self.source {
        case .traffic(let files):
            "\(Self.count(self.requests, "request")) from \(files.joined(separator: ", "))"
        case .ledger(let client, let window):
            "\(Self.count(self.requests, "request")) from \(client) served in \(self.from) (ledger, \(window)"
                + (self.coverage.map {
                    $0.previewed > 0 ? "; \($0.previewed.groupedByThousands) previewed \(self.to))" : ")"
                } ?? ")")
        }
    }

    /// `PASS: no breaking change …`, `FAIL: 3 breaking changes …`, or `INCOMPLETE: …` when none hits what could be
    /// examined but some could not be checked.
    public var verdict: String {
        let between = "between \(self.from) and \(self.to)"
        if !self.hits.isEmpty {
            return "FAIL: \(Self.count(self.hits.count, "breaking change")) \(between) "
                + "\(self.hits.count == 1 ? "hits" : "hit") this traffic"
        }
        if !self.unchecked.isEmpty {
            return "INCOMPLETE: no breaking change \(between) hits what could be examined, but "
                + "\(Self.count(self.unchecked.count, "breaking change")) could not be checked"
        }
        return "PASS: no breaking change \(between) hits this traffic"
    }

    /// The caveats a reader must not miss: what could not be checked.
    public var caveats: [String] {
        var lines: [String] = []
        if let coverage = self.coverage {
            if coverage.evaluated < self.requests {
                lines.append(
                    "only \(coverage.evaluated.groupedByThousands) of the \(Self.count(self.requests, "request")) were "
                        + "compared with \(self.to) (translated to it or previewing it); changes could only fire on those"
                )
            }
        }
        if self.unplaced.count > 0 {
            lines.append(
                "\(Self.count(self.unplaced.count, "request")) to paths no manifest names "
                    + "(checked only against changes that apply to every endpoint)"
                    + (self.hiddenBasePath.map { "; under \($0) some would be: --base-path \($0)?" } ?? "")
            )
        }
        if self.unreadableBodies > 0 {
            lines.append(
                "\(Self.count(self.unreadableBodies, "body", plural: "bodies")) not JSON or not recorded, so not checked"
            )
        }
        if self.unanswered > 0 {
            lines.append("\(Self.count(self.unanswered, "request")) without a recorded response")
        }
        if self.otherVersions > 0 {
            lines.append(
                "\(Self.count(self.otherVersions, "exchange")) served in another version than \(self.from) "
                    + "(their API-Version says so), left out"
            )
        }
        return lines
    }

    /// `1 request`, `1,240 requests`.
    static func count(_ number: Int, _ noun: String, plural: String? = nil) -> String {
        "\(number.groupedByThousands) \(number == 1 ? noun : plural ?? noun + "s")"
    }

}

extension HitExample {
    /// `GET /purchase-orders/po_1 (calls.har entry 3): field vendor_id in the response body`.
    public var description: String {
        "\(self.method) \(self.target)\(self.origin.map { " (\($0))" } ?? ""): \(self.subject)"
    }
}
