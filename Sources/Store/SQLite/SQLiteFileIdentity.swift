import Glibc

/// Which file a path names (device and inode): a file replaced or removed under an open connection keeps being read
/// through the old descriptor, so a long-running reader compares identities to notice.
struct SQLiteFileIdentity: Equatable, Sendable {
    private let device: UInt64
    private let inode: UInt64

    /// The file at `path` now; nil when there is none.
    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.device = UInt64(status.st_dev)
        self.inode = UInt64(status.st_ino)
    }
}
