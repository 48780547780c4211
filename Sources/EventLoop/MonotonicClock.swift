import Glibc

/// Milliseconds from `CLOCK_MONOTONIC`: immune to wall-clock changes, for timeouts and deadlines.
public enum MonotonicClock {
    public static func nowMilliseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1000 + UInt64(spec.tv_nsec) / 1_000_000
    }

    /// Nanoseconds from `CLOCK_MONOTONIC`, for measuring durations.
    public static func nowNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
