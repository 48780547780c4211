import CMalloc

/// How much freed memory glibc's allocator keeps for reuse rather than handing back to the system (`mallopt(3)`).
///
/// By default a block of 128 KiB or more is a fresh mapping, and free memory beyond 128 KiB at the top of a heap is
/// returned at once (both thresholds then rise with the largest block freed, up to 32 MiB). A gateway translating
/// bodies of a few hundred kilobytes allocates stores of that size for each response, so each one was faulted in
/// page by page and zeroed by the kernel, then given back: on a 100 KB list, about a tenth of the gateway's time.
/// With these thresholds such stores come from memory the previous response freed.
///
/// The cost is resident memory: each allocator arena (about one per thread that allocates) may keep up to
/// ``trimThreshold`` free. Bodies whose stores are larger than ``mmapThreshold`` still get mappings of their own,
/// returned when freed.
public enum HeapRetention {
    /// Blocks this large or larger are mapped on their own (`M_MMAP_THRESHOLD`), in bytes.
    public static let mmapThreshold: Int32 = 4 << 20
    /// Free memory at the top of a heap beyond this is returned to the system (`M_TRIM_THRESHOLD`), in bytes.
    public static let trimThreshold: Int32 = 16 << 20

    /// Sets both thresholds for the whole process; call it before the threads that allocate start.
    /// - Returns: whether glibc took both (it refuses values beyond its limits).
    public static func apply() -> Bool {
        mallopt(M_MMAP_THRESHOLD, self.mmapThreshold) == 1 && mallopt(M_TRIM_THRESHOLD, self.trimThreshold) == 1
    }
}
