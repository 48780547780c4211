import Glibc

/// The process's open-files limit (`RLIMIT_NOFILE`). A gateway needs one descriptor per client connection and at most
/// one more toward the upstream, so the common soft limit of 1,024 caps it near 500 concurrent requests even when the
/// hard limit allows far more.
public enum FileDescriptorLimit {
    /// Raises the soft limit to the hard one, as servers do at start (nginx's `worker_rlimit_nofile`); returns the
    /// soft limit before and after (unchanged when it already was the hard limit or the system refused), and the
    /// hard limit.
    public static func raiseToHard() -> (before: UInt64, after: UInt64, hard: UInt64) {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return (0, 0, 0) }
        let (before, hard) = (UInt64(limit.rlim_cur), UInt64(limit.rlim_max))
        guard before < hard else { return (before, before, hard) }
        var raised = limit
        raised.rlim_cur = limit.rlim_max
        return (before, setrlimit(resource, &raised) == 0 ? hard : before, hard)
    }

    private static var resource: __rlimit_resource_t { __rlimit_resource_t(RLIMIT_NOFILE.rawValue) }
}
