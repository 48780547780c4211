import Testing

/// Polls `condition` every 10 ms, for at most `seconds`; records an issue when it is never met.
public func waitUntil(seconds: Int = 5, _ condition: () -> Bool) async throws {
    for _ in 0..<(seconds * 100) {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("condition not met within \(seconds) s")
}
