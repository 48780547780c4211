/// Requests counted by the class of the status that answered them: what tells a blocked call (a 410 in a brownout,
/// any 4xx, a 5xx) from a successful one.
public struct StatusClassCounts: Sendable, Equatable {
    /// Requests answered 1xx to 5xx: index 0 for 1xx … 4 for 5xx.
    private var classes: [Int64] = [0, 0, 0, 0, 0]
    /// Requests whose status class the ledger did not keep: class 0, which a ledger over its row budget writes when it
    /// merges a day's detail, or any other value outside 1...5.
    public private(set) var unknown: Int64 = 0

    public init() {}

    /// Requests answered with a status of `statusClass` (1 for 1xx … 5 for 5xx); ``unknown`` for any other value.
    public subscript(statusClass: Int) -> Int64 {
        (1...5).contains(statusClass) ? self.classes[statusClass - 1] : self.unknown
    }

    /// Counts `count` more requests of `statusClass`.
    mutating func add(_ count: Int64, statusClass: Int) {
        if (1...5).contains(statusClass) {
            self.classes[statusClass - 1] += count
        } else {
            self.unknown += count
        }
    }

    /// Every request counted, the unknown ones included.
    public var total: Int64 { self.classes.reduce(self.unknown, +) }

    /// The classes as the reports name them, in order: `1xx` … `5xx`, then `unknown`.
    var named: [(name: String, requests: Int64)] {
        (1...5).map { ("\($0)xx", self[$0]) } + [("unknown", self.unknown)]
    }

    /// The classes a human reader is shown: 2xx to 5xx always, 1xx and unknown only when some request had them.
    var shown: [(name: String, requests: Int64)] {
        self.named.filter { $0.requests != 0 || !["1xx", "unknown"].contains($0.name) }
    }
}
