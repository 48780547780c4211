import EventLoop
import Testing

/// The allocator thresholds the gateway sets at start (see ``HeapRetention``).
@Suite struct HeapRetentionTests {
    /// glibc refuses a threshold beyond its limits (a mapping threshold above 32 MiB on 64-bit systems), and the
    /// gateway would then say so at every start.
    @Test func glibcTakesBothThresholds() {
        #expect(HeapRetention.apply())
    }
}
