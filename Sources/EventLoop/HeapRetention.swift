import CMalloc

/// How much freed memory glibc's allocator keeps for reuse rather than handing back to the system (`mallopt(3)`).
///
/// By default a block of 128 KiB or more is a fresh mapping, and free memory beyond 128 KiB at the top of a heap is
/// returned at once; both thresholds rise only when a mapped block is freed (the mapping one to its size, up to
/// 32 MiB; the trim one to twice that). A gateway translating bodies of a few hundred kilobytes allocates stores of
/// that size for each response, and with them beside each other the heap's top kept being returned: each response's
/// stores were faulted in page by page and zeroed by the kernel, about a tenth of the gateway's time on a 100 KB
/// list. Here the mapping threshold is 32 MiB from the start (the most glibc allows on 64-bit systems), and free
/// memory at a heap's top goes back only beyond 32 MiB, so such stores come from memory the previous response freed.
/// Setting them turns glibc's adjustment off: they stay where they are set.
///
/// The cost is resident memory that no budget of the gateway counts (`--max-buffered-bytes` counts bodies): each
/// allocator arena (about one per thread that allocates) may keep up to ``trimThreshold`` free at its heap's top,
/// beside what is free below it. Blocks of ``mmapThreshold`` or more still get mappings of their own, returned when
/// freed. (A lower mapping threshold, 4 MiB, kept less memory but mapped and faulted in the stores of every
/// multi-megabyte body anew: a 15.6 MB list was translated a quarter slower than with the defaults.)
public enum HeapRetention {
    /// Blocks this large or larger are mapped on their own (`M_MMAP_THRESHOLD`), in bytes.
    public static let mmapThreshold: Int32 = 32 << 20
    /// Free memory at the top of a heap beyond this is returned to the system (`M_TRIM_THRESHOLD`), in bytes.
    public static let trimThreshold: Int32 = 32 << 20

    /// Sets both thresholds for the whole process, as the gateway starts.
    /// - Returns: whether glibc took both (it refuses values beyond its limits).
    public static func apply() -> Bool {
        mallopt(M_MMAP_THRESHOLD, self.mmapThreshold) == 1 && mallopt(M_TRIM_THRESHOLD, self.trimThreshold) == 1
    }
}
